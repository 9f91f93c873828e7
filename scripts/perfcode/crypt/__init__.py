"""Crypt: confidential review values encrypted with age, the file's structure in plain YAML.

Terms used throughout (https://age-encryption.org/v1; issue 14):

- *part*: a piece of a review (or of a person's record) that one role writes and one
  audience reads: an assessment, the calibration, the final rating, the feedback comment,
  the appeal, the appeal decision, the plan; a record's result and amendments;
- *encrypted part*: the part's value as an armored age file under ``encrypted:``, with
  the fingerprints of the keys it was encrypted to under ``recipients:``, and the keys
  that must stay readable (an assessment's reviewer, relationship and submission day; the
  feedback meeting's days) beside them, in the SOPS style;
- *shape*: every optional part is always present and encrypted (empty when unused), and
  every value is padded, so that neither a key nor a size tells whether someone appealed;
- *recipient*: a public key (age X25519 ``age1...`` or ``ssh-ed25519``) from a person file
  or the governance's ``scoring_key``; *identity*: the private key that opens it.

Decrypted values live only in memory: the document cache keeps the encrypted documents,
and findings about a decrypted part name the part, never its value.
"""
