"""Exchange with the planner's spreadsheets: the storyline as an HSEEP MSEL table (xlsx or
csv, both ways), a scenario from a business impact analysis and a supplier register, and a
commented starting scenario.

No Textual here: the command line (``oefening msel``, ``oefening new``) is a thin caller.
openpyxl reads and writes xlsx (it is pure Python and keeps formatting, frozen panes, merged
cells and data validation); csv goes through the standard :mod:`csv` module. A problem in a
sheet is one line ``FILE:SHEET!CELL: message`` naming the column and what is allowed.
"""
