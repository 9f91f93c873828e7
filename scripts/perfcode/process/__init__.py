"""Process: the commands that run a company's performance cycle, as plain functions.

- *template*: the repository the running perfcode package belongs to; ``perfcode init``
  copies its schemas, workflows, editor settings, site and code into a new company's
  repository, with starter files from ``perfcode/templates/``;
- *calendar*: how long each phase of a cycle lasts (``calendar`` in ``org/framework.yaml``),
  from which ``perfcode cycle open`` dates the phases of a new cycle;
- *scaffold*: a starter file written for a participant when a cycle opens (their goals,
  later their review), never over a file that exists;
- *pending changes*: the files a command is about to write, checked as a whole with the
  same loader, schemas and rules as ``perfcode check`` before anything is written
  (:mod:`perfcode.process.guard`).
"""
