"""Site: the published pages, generated inside ``mkdocs build`` from the checked model.

MkDocs loads :mod:`perfcode.site.hooks` (``hooks:`` in ``mkdocs.yml``). The hooks run
``perfcode check`` over the repository, score the cycles and add the generated pages as
virtual files; nothing generated is ever written to ``docs/``.

Terms used here:

- *running cycles*: the cycles whose period holds the build day (a half year and the year
  around it), innermost first; their goals are what the unit pages show;
- *publication policy*: ``publication`` in ``org/framework.yaml``, what the site may show
  (:mod:`perfcode.site.policy`);
- *group threshold*: figures about people (rating distributions, review progress) are
  shown only for groups of at least ``min_group_size`` people.

Every string from the YAML is untrusted. Pages are HTML fragments rendered by Jinja2 with
autoescaping and injected after Markdown has run, so no data ever passes through Markdown
or a template engine as source; Mermaid labels are quoted and entity-escaped
(:mod:`perfcode.site.escape`).
"""
