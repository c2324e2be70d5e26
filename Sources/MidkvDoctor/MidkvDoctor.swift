import MidkvCore
