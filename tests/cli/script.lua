print("script", ...)
print(arg[0], arg[1], arg[2], #arg)
print(arg[-1] ~= nil)
