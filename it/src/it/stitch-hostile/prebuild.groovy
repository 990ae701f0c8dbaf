// The 20 MiB inputs (a scalar of 20 MiB, as a careless generator or an attacker writes it), and the seeded
// target/factory that no failing case may touch.
def hostile = evaluate(new File(basedir, '../../../src/it/_lib/Hostile.groovy'))
hostile.seed(basedir)
def huge = { String rel, String head, String tail ->
    def f = new File(basedir, rel)
    f.parentFile.mkdirs()
    f.withWriter('UTF-8') { w ->
        w << head
        def mib = 'a' * (1024 * 1024)
        20.times { w << mib }
        w << tail
    }
}
huge('cases/huge-manifest/manifests/app.yaml', 'id: app\nbase: busybox:1.35\nfragments: {app: echo}\ndescription: "', '"\n')
huge('cases/huge-plan/plans/p.yaml', 'manifest: app\naxes:\n  app.greeting: ["', '"]\n')
huge('cases/huge-descriptor/fragments/app/echo/fragment.yaml', 'name: echo\nslot: app\nversion: 1.0.0\ndescription: "', '"\n')
huge('cases/huge-template/templates/big/Dockerfile.vm', 'FROM ${base}\n# ', '\n')
true
