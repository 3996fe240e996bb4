-- A script that does not compile: nothing runs, the syntax error is reported.
print("this line is never executed")
local x = = 1
