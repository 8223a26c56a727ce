@_exported import GameDayModel
