import Foundation

var console = Console.live
let status = CommandLineTool.main(Array(CommandLine.arguments.dropFirst()), console: &console)
exit(status)
