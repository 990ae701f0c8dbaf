// Runs after the project is generated.
def project = new File(request.outputDirectory, request.artifactId)

// archetype:generate checks the descriptor's validationRegex only when it asks interactively, so the
// values that Factory will refuse later are checked here, in batch mode too.
// archetype:generate refuses to write into an existing folder, so this one is all ours: take it back, leave nothing half-made
def refuse = { String what ->
    project.deleteDir()
    throw new IllegalArgumentException("${what} Nothing was generated; run archetype:generate again.")
}
if (!(request.artifactId ==~ /[a-z0-9][a-z0-9._-]{0,62}/)) {
    refuse("artifactId '${request.artifactId}' cannot be a manifest id, which it becomes (with the image name): use lower-case "
            + "letters, digits, '.', '_' and '-', at most 63 characters, such as -DartifactId=${request.artifactId.toLowerCase()}.")
}
def image = request.properties.getProperty('imageRepository')
if (!(image ==~ /[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*/)) {
    refuse("imageRepository '${image}' is not an image repository: use lower-case letters, digits and separators, "
            + "without a tag, such as -DimageRepository=ghcr.io/acme/${request.artifactId}.")
}

// An archetype jar keeps no file modes: give the Maven wrapper script back its executable bit.
def mvnw = new File(project, 'mvnw')
if (mvnw.isFile() && !mvnw.setExecutable(true, false)) {
    println "[WARNING] Could not make ${mvnw} executable: run it as 'sh mvnw', or chmod +x it."
}
