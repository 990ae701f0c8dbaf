// The quickstart as it is in the repository: its factory sources and the site its fragment copies.
def quickstart = new File(basedir, '../../../../examples/quickstart').canonicalFile
assert new File(quickstart, 'pom.xml').isFile() : "no quickstart at ${quickstart}"
['src', 'site'].each { dir ->
    def from = new File(quickstart, dir).toPath()
    java.nio.file.Files.walk(from).withCloseable { paths ->
        paths.forEach { p ->
            def to = basedir.toPath().resolve(dir).resolve(from.relativize(p).toString())
            if (java.nio.file.Files.isDirectory(p)) { java.nio.file.Files.createDirectories(to) }
            else { java.nio.file.Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING) }
        }
    }
}
true
