@_exported import GameDayEngine
@_exported import MarkdownNode
