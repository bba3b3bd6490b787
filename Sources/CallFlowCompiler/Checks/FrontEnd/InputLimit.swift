extension CheckDescriptor {
    public static let inputLimit = CheckDescriptor(
        id: "input-limit",
        severity: .error,
        summary: "a file over 8 MiB, nested over 64 levels, over 100,000 flow nodes, or expanding to too many aliases or YAML nodes",
        explanation: """
        Flow files are read by CI machines and deployment pipelines, so callflow bounds what one file \
        may cost: 8 MiB, 64 levels of nesting, 10,000 alias expansions, 100,000 flow nodes, and \
        4,000,000 YAML nodes with aliases expanded. A file past a bound is refused at once instead of hanging or exhausting \
        memory (an "alias bomb" is a few lines that expand to billions of nodes). Real flows stay far \
        below these bounds; split a very large flow with `include`, or write repeated parts out.
        """,
        failingExample: """
        callflow: 1
        name: bomb
        start: hello
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        g: &g [*f, *f, ↓*f, *f, *f, *f, *f, *f, *f, *f]
        nodes:
          hello: {hangup: true}
        """,
        passingExample: """
        callflow: 1
        name: small
        start: hello
        nodes:
          hello: {hangup: true}
        """,
        isHard: true)
}
