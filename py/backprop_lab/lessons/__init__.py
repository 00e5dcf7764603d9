"""One module per lesson: plain functions in, plain data out (numbers, lists, arrays)."""
