-- An uncaught error with a nil error value.
print("raising nil")
error(nil)
