-- warn(): messages go to stderr only when warnings are on ("@on"/"@off").
-- This script exits normally; its stderr is compared with the expected one.
print("start")
warn("not shown: warnings are off by default")
warn("@on")
warn("shown after @on")
warn("multi", "part", " message")
warn("@off")
warn("not shown after @off")
warn("@on")
-- unknown control messages are ignored
warn("@unknown")
warn("back on")
print("argument errors", pcall(warn), pcall(warn, {}), pcall(warn, "a", 1))
-- numbers are accepted as strings
warn(1, 2.5)
print("end")
