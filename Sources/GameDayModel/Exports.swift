@_exported import YAMLNode
