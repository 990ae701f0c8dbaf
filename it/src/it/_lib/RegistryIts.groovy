// What the ITs around a throwaway registry (ThrowawayRegistry.groovy) share: the one-fragment app they push,
// the htpasswd file of the user settings.xml names, the clean-up after the build, and the check that no secret
// reached the log. Load it from a hook script with
//   def its = evaluate(new File(basedir, '../../../src/it/_lib/RegistryIts.groovy'))
import groovy.json.JsonSlurper

[
    /** Writes manifests/app.yaml: busybox with the greeter fragment, pushed as image, with its smoke test unless tested is false. */
    greeterApp: { File basedir, String image, boolean tested = true ->
        def manifest = new File(basedir, 'src/main/factory/manifests/app.yaml')
        manifest.parentFile.mkdirs()
        manifest.text = """id: app
base: busybox:1.35
image: ${image}
platforms: [linux/amd64]
fragments:
  core: greeter
""" + (tested ? '''tests:
  commandTests:
    - name: the greeting is there
      command: cat
      args: [/greeting]
      expectedOutput: ["(?m)^hello$"]
''' : '')
        manifest
    },
    /**
     * Writes an htpasswd file (bcrypt, as the registry requires) for user factory with the password whose encrypted
     * form the ITs' settings.xml files hold (mvn --encrypt-password Reg1stry-s3cret-for-factory).
     */
    htpasswd: { File file ->
        file.parentFile.mkdirs()
        def htpasswd = new ProcessBuilder('htpasswd', '-Bbn', 'factory', 'Reg1stry-s3cret-for-factory').redirectErrorStream(true).start()
        def line = htpasswd.inputStream.text
        assert htpasswd.waitFor() == 0 : "htpasswd (apache2-utils) failed: ${line}"
        file.text = line
        file
    },
    /**
     * The {@code <servers>} of a settings.xml with one server for user factory: the registry's password
     * (Reg1stry-s3cret-for-factory) unless another encrypted one is given; passwords were encrypted by Maven itself
     * (mvn --encrypt-password ... -Dsettings.security=settings-security.xml).
     */
    servers: { String id, String encryptedPassword = '{rPepHZrJm4QHZqKCAyrraelfUb4tLC0nRk8dYX4JgOB8PXUvoPp0DcO9zOzvCIAj}' ->
        """  <servers>
    <server>
      <id>${id}</id>
      <username>factory</username>
      <password>${encryptedPassword}</password>
    </server>
  </servers>"""
    },
    /**
     * First thing in verify.groovy: stops the registry (it must not outlive the IT) and removes the image's local tags
     * (each run's port is new, so the engine would keep one more tag per run). Returns the registry's pid and host,
     * the build log, Factory's output folder and image.json (null when bake wrote none).
     */
    finish: { File basedir ->
        def pid = evaluate(new File(basedir, '../../../src/it/_lib/ThrowawayRegistry.groovy')).stop(basedir)
        def out = new File(basedir, 'target/factory')
        def imageFile = new File(out, 'builds/app/image.json')
        def image = imageFile.isFile() ? new JsonSlurper().parse(imageFile) : null
        image?.platforms*.ref.each { ['docker', 'image', 'rm', it].execute().waitFor() }
        [pid: pid, registry: "127.0.0.1:${new File(basedir, 'target/registry/port').text.trim()}".toString(),
         log: new File(basedir, 'build.log').text, out: out, image: image]
    },
    /** No secret (nor its encrypted form) in the log, and no stack trace. */
    assertClean: { String log, List<String> secrets ->
        secrets.each { assert !log.contains(it) : "build.log shows a secret (${it.take(4)}...)" }
        assert !(log =~ /(?m)^\s+at [a-z]/) : 'a stack trace reached the user'
    },
]
