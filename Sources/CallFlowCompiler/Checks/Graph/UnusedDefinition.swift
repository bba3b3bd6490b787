/// `unused-definition`: a queue, schedule, skill, context variable or include nothing names.
public enum UnusedDefinition: GraphCheck {
    public static let descriptor = CheckDescriptor(
        id: "unused-definition",
        severity: .warning,
        summary: "a queue, schedule, skill, context variable or include that nothing names",
        explanation: """
        A definition nothing uses is usually a sign of a mistake: a queue that was meant to get \
        calls but no node sends any there, a schedule written for an hours node that checks \
        another one, a variable the phone system fills that no condition reads. Even when it is \
        only left over, the next engineer has to find out that it does nothing. A queue counts as \
        used when a queue or callback node names it; a schedule when an hours node or `open("...")` \
        in a condition does; a skill when a queue or a queue node requires it; a context variable \
        when a condition, a lookup's `sets`, a collect's `into` or a `set` node names it. Remove \
        the definition or use it. Definitions in include files are not reported one by one (a \
        shared file serves several flows, and another flow may use them); an include is reported \
        when nothing defined in it, or in the files it includes, is used by this flow.
        """,
        failingExample: """
        callflow: 1
        name: leftovers
        start: main
        queues:
          sales: {max_wait: 5m}
          ↓billing: {max_wait: 5m}
        nodes:
          main:
            menu: "For sales press 1. For support press 2."
            options: {"1": sales, "2": support}
            fallback: support
          sales: {queue: sales, overflow: box}
          support: {transfer: "+15550101", fallback: box}
          box: {voicemail: general}
        """,
        passingExample: """
        callflow: 1
        name: all-used
        timezone: Europe/Berlin
        start: office
        context:
          caller.vip: bool
        skills: [sales]
        schedules:
          office:
            weekly: {mon-fri: "08:00-18:00"}
        queues:
          sales: {skills: [sales], max_wait: 5m}
        nodes:
          office:
            hours: office
            open: route
            closed: box
          route:
            switch:
              - if: caller.vip
                goto: vip-line
            else: sales-line
          vip-line: {transfer: "+15550100", fallback: sales-line}
          sales-line: {queue: sales, overflow: box}
          box: {voicemail: general}
        """)

    public static func run(_ graph: FlowGraph, _ context: CheckContext) -> [Diagnostic] {
        let flow = graph.flow
        let uses = Uses(flow)

        // Each used definition marks the file it is written in as used.
        var filesUsed = Set<String>()
        var unused: [(what: String, name: Located<String>, fix: String)] = []
        func judge(_ what: String, _ name: Located<String>, used: Bool, fix: String) {
            if used { filesUsed.insert(name.range.file) } else { unused.append((what, name, fix)) }
        }
        for queue in flow.queues {
            judge("queue", queue.name, used: uses.queues.contains(queue.name.value),
                  fix: "send calls there with a queue node or remove it")
        }
        for schedule in flow.schedules {
            judge("schedule", schedule.name, used: uses.schedules.contains(schedule.name.value),
                  fix: "check it with an hours node or open(\"\(schedule.name.value)\"), or remove it")
        }
        for skill in flow.skills {
            judge("skill", skill, used: uses.skills.contains(skill.value),
                  fix: "require it in a queue or remove it")
        }
        // `call.language` is built in (from `languages:`): the runtime reads it for every prompt.
        for variable in flow.context where !(variable.name.value == "call.language" && !flow.languages.isEmpty) {
            judge("context variable", variable.name, used: uses.variables.contains(variable.name.value),
                  fix: "read it in a condition or remove it")
        }

        var findings: [Diagnostic] = []
        // Definitions of the flow file itself; those of shared include files are judged per include.
        for item in unused where item.name.range.file == flow.file {
            findings.append(Diagnostic(
                descriptor, "\(item.what) '\(item.name.value)' is defined but nothing uses it; \(item.fix)",
                at: item.name.range))
        }

        // An include is used when a definition in its file, or in a file it includes, is used.
        let canonicalUsed = Set(filesUsed.map(context.canonicalPath))
        var children: [String: [String]] = [:]
        for include in flow.includes {
            children[context.canonicalPath(include.path.range.file), default: []].append(context.canonicalPath(include.resolvedPath))
        }
        var memo: [String: Bool] = [:]
        func isUsed(_ file: String, depth: Int) -> Bool {
            if let known = memo[file] { return known }
            // Include cycles are rejected by the front end; the depth bound is only a safeguard.
            let used = canonicalUsed.contains(file)
                || (depth < 64 && (children[file] ?? []).contains { isUsed($0, depth: depth + 1) })
            memo[file] = used
            return used
        }
        for include in flow.includes where include.path.range.file == flow.file {
            guard !isUsed(context.canonicalPath(include.resolvedPath), depth: 0) else { continue }
            findings.append(Diagnostic(
                descriptor,
                "include '\(include.path.value)' defines nothing this flow uses; remove it",
                at: include.path.range))
        }
        return findings
    }

    /// Every name the flow uses, by kind.
    struct Uses {
        var queues = Set<String>()
        var schedules = Set<String>()
        var skills = Set<String>()
        var variables = Set<String>()

        init(_ flow: Flow) {
            for queue in flow.queues {
                skills.formUnion(queue.skills.map(\.value))
                if let words = queue.announcement { insertPlaceholders(of: words) }
            }
            var expressions: [ExpressionSource] = flow.escalations.compactMap(\.condition)
            for node in flow.nodes {
                // Caller data a prompt speaks reads its variable.
                if let prompt = PromptLowering.prompt(of: node.kind) { insertPlaceholders(of: prompt) }
                if case .menu(let menu) = node.kind {
                    for option in menu.options { if let label = option.labelPrompt { insertPlaceholders(of: label) } }
                }
                switch node.kind {
                // Names inserted one by one: `formUnion` of a mapped array made and freed an array
                // per node (issue 17).
                case .queue(let step):
                    queues.insert(step.queue.value)
                    for skill in step.skills { skills.insert(skill.value) }
                    if let words = step.announcement { insertPlaceholders(of: words) }
                case .callback(let step):
                    queues.insert(step.queue.value)
                    if let number = step.number { variables.insert(number.value) }
                case .hours(let schedule):
                    schedules.insert(schedule.value)
                case .collect(let collect):
                    if let into = collect.into { variables.insert(into.value) }
                case .lookup(let lookup):
                    for variable in lookup.sets { variables.insert(variable.value) }
                    for variable in lookup.with { variables.insert(variable.value) }
                case .send(let send):
                    for variable in send.with { variables.insert(variable.value) }
                case .set(let assignments):
                    variables.formUnion(assignments.map(\.variable.value))
                    variables.formUnion(assignments.compactMap(\.source?.value))
                case .switch(let cases):
                    expressions += cases.map(\.condition)
                default:
                    break
                }
            }
            // Graph checks run only on flows without errors, where every condition was parsed.
            for case let typed? in expressions.map(\.parsed) {
                variables.formUnion(typed.variables)
                schedules.formUnion(typed.schedules)
            }
        }

        /// `prompt.placeholderNames` into `variables`, without an array per prompt (every node's
        /// prompt comes through here, and most have no placeholder; issue 17).
        private mutating func insertPlaceholders(of prompt: Prompt) {
            for variant in prompt.variants {
                for case .placeholder(let name, _) in variant.segments { variables.insert(name) }
            }
        }
    }
}
