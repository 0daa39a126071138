"""The API's shapes: what it returns (``output``) and what it accepts (``input``) are separate
schemas; ``common`` holds the conventions they share."""
