"""Git is the workflow engine: CODEOWNERS, the pull-request policy, the semantic diff, history.

- ``repo``: safe access to the repository (refs and paths only after ``--end-of-options``
  or ``--``, never a shell) and the data files of any commit, read as documents;
- ``changes``: what differs between two versions of a data file, entry by entry;
- ``codeowners``: the CODEOWNERS file generated from the organisation;
- ``policy``: which changes the author of a pull request may make;
- ``diff``: what a change means, as Markdown or JSON;
- ``history``: who changed what, when, and through which pull request.
"""
