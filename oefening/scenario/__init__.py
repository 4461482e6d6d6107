"""The scenario and plan formats (SPEC §2): models, YAML loading and validation."""
