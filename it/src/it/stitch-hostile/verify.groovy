// Each case of invoker.properties, in order: its exact message, no stack trace, its goal's time, and (after all of
// them) target/factory exactly as prebuild.groovy seeded it. Injection cases within 5 s, size and count cases within 2 s.
def hostile = evaluate(new File(basedir, '../../../src/it/_lib/Hostile.groovy'))
def LF = 'a line feed (LF, U+000A)'
def cases = [
    // 1: a manifest's parameter value would add a RUN instruction
    ["cases/manifest-param/manifests/app.yaml:7:17: fragments.app.params.greeting: the value of parameter 'greeting' of fragment app/echo holds ${LF} as character 3; the fragment places it on a line of the Dockerfile, where a line break would end that line and start a new instruction. Write the value on one line without control characters (TAB is allowed). A value that must span lines needs the parameter declared 'multiline: true' in the fragment's fragment.yaml, and the fragment placing it with \$heredoc (see docs/fragments.md).", 5000],
    // 2: a plan's axis value
    ["cases/plan-axis/plans/greetings.yaml:3:25: axes.app.greeting[1]: the value holds ${LF} as character 3; Factory places plan values into Dockerfiles, bake files, tags and logs, where a line break would start a new line (a new Dockerfile instruction). Write it on one line without control characters (TAB is allowed).", 5000],
    // 3: a fragment descriptor's default
    ["cases/descriptor-default/fragments/app/echo/fragment.yaml:8:14: parameters.greeting.default: the default of parameter 'greeting' of fragment app/echo holds ${LF} as character 6; the fragment places it on a line of the Dockerfile, where a line break would end that line and start a new instruction. Write the value on one line without control characters (TAB is allowed). A value that must span lines needs the parameter declared 'multiline: true' in the fragment's fragment.yaml, and the fragment placing it with \$heredoc (see docs/fragments.md).", 5000],
    // 4: a template that places a multi-line value as it is
    ["cases/common/templates/loud/Dockerfile.vm:2:20: \$manifest.description inserts a value that holds ${LF} as character 8; a line break there would end the line and start a new one (in a Dockerfile, a new instruction). Keep the value on one line, quote it onto one line with \$json.quote(...), or place a multi-line value as a file with \$heredoc.copy(value, \"/path/in/image\") (see docs/fragments.md).", 5000],
    // 5: a label with a carriage return
    ["cases/manifest-label/manifests/app.yaml:4:9: labels.team: the value holds a carriage return (CR, U+000D) as character 9; Factory places manifest values into Dockerfiles, bake files, tags and logs, where a line break would start a new line (a new Dockerfile instruction). Write it on one line without control characters (TAB is allowed).", 5000],
    // 6: 12 axes of 10 values: counted, never expanded
    ["cases/plan-trillion/plans/everything.yaml:2:1: axes: plan 'everything' expands to 1000000000000 variants (10 app.p01 × 10 app.p02 × 10 app.p03 × 10 app.p04 × 10 app.p05 × 10 app.p06 × 10 app.p07 × 10 app.p08 × 10 app.p09 × 10 app.p10 × 10 app.p11 × 10 app.p12), more than the 1000 variants Factory builds per project (factory.maxVariants). Each variant is a Dockerfile, an image per platform, its tests and a record: narrow the axes or drop combinations with 'exclude'; if you mean to build that many, raise the limit with -Dfactory.maxVariants.", 2000],
    // 7-10: 20 MiB inputs, refused by their size before they are read
    ["cases/huge-manifest/manifests/app.yaml: the file is 20.0 MiB (20971586 bytes), more than the 1.0 MiB (1048576 bytes) Factory reads from one input file. Manifests, plans, fragments, templates and test files are a few kilobytes; if this one really must be larger, raise the limit with -Dfactory.maxInputSize=32MiB (or <factory.maxInputSize> in the pom's properties).", 2000],
    ["cases/huge-plan/plans/p.yaml: the file is 20.0 MiB (20971561 bytes), more than the 1.0 MiB (1048576 bytes) Factory reads from one input file. Manifests, plans, fragments, templates and test files are a few kilobytes; if this one really must be larger, raise the limit with -Dfactory.maxInputSize=32MiB (or <factory.maxInputSize> in the pom's properties).", 2000],
    ["cases/huge-descriptor/fragments/app/echo/fragment.yaml: the file is 20.0 MiB (20971572 bytes), more than the 1.0 MiB (1048576 bytes) Factory reads from one input file. Manifests, plans, fragments, templates and test files are a few kilobytes; if this one really must be larger, raise the limit with -Dfactory.maxInputSize=32MiB (or <factory.maxInputSize> in the pom's properties).", 2000],
    ["cases/huge-template/templates/big/Dockerfile.vm: the file is 20.0 MiB (20971536 bytes), more than the 1.0 MiB (1048576 bytes) Factory reads from one input file. Manifests, plans, fragments, templates and test files are a few kilobytes; if this one really must be larger, raise the limit with -Dfactory.maxInputSize=32MiB (or <factory.maxInputSize> in the pom's properties).", 2000],
]
def parts = hostile.invocations(basedir)
assert parts.size() == cases.size() : "${parts.size()} invocations in build.log, ${cases.size()} cases"
cases.eachWithIndex { c, i -> hostile.failed(parts[i], 'Stitching the manifests in', c[0], c[1]) }
hostile.unchanged(basedir)
true
