print("sim: under construction")
