import Foundation

Console.prepareStreams()
var console = Console.live
let status = CommandLineTool.main(Array(CommandLine.arguments.dropFirst()), console: &console)
exit(status)
