// Commands are added as the library modules land.
print("midkv")
