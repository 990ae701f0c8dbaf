// Runs after the project is generated: an archetype jar keeps no file modes, so the Maven wrapper
// script would come out without its executable bit.
def mvnw = new File(new File(request.outputDirectory, request.artifactId), 'mvnw')
if (mvnw.isFile() && !mvnw.setExecutable(true, false)) {
    println "[WARNING] Could not make ${mvnw} executable: run it as 'sh mvnw', or chmod +x it."
}
