-- An uncaught error raised directly in the main chunk.
print("before the error")
error("main chunk failure")
print("never printed")
