local x <const> = 1
goto l ::l:: return function(...) return ... end
