@_exported import GameDayRunbook
