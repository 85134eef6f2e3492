print("chanstat")
