// Hide syft from the factory:sbom run, whatever this machine has installed: a folder of links to every
// program on the PATH except syft stands in for the PATH (invoker.properties: PATH of the second run).
import java.nio.file.Files

def hidden = new File(basedir, 'target/path-without-syft')
hidden.mkdirs()
System.getenv('PATH').split(File.pathSeparator).findAll { it }.each { dir ->
    new File(dir).listFiles()?.findAll { it.name != 'syft' && it.canExecute() && !it.isDirectory() }?.each { program ->
        def link = new File(hidden, program.name)
        if (!Files.exists(link.toPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) { // the first on the PATH wins
            Files.createSymbolicLink(link.toPath(), program.toPath())
        }
    }
}
true
