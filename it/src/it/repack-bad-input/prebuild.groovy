// image.json files as a bake on another day left them: one image since deleted from the registry, one in a
// registry that is not running now. Stitch carries them into the build folders it writes.
def write = { String build, String image ->
    def dir = new File(basedir, "target/factory/builds/${build}"); dir.mkdirs()
    new File(dir, 'image.json').text = '''{"schema": "factory.image/v1", "build": "BUILD", "manifest_id": "BUILD", "image": "IMAGE", "tag": "latest",
 "fingerprint": "sha256:0", "pushed": true, "index_digest": null, "platforms": [{"platform": "linux/amd64", "ref": "IMAGE:latest-linux-amd64",
 "digest": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "status": "built", "error": null}]}'''.replace('BUILD', build).replace('IMAGE', image)
}
write('gone', 'localhost:5000/it/never-pushed')
write('away', '127.0.0.1:5999/it/away')
true
