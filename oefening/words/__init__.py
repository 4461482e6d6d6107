"""The product's words in Dutch and English, and the number and time formats every front end uses."""
