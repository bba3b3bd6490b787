/// Reads `.callflow.yml`, reporting unknown checks and options with "did you mean".
public struct ConfigLoader: Sendable {
    public init() {}

    public func load(_ source: SourceFile) -> (ProjectConfig, [Diagnostic]) {
        var config = ProjectConfig()
        config.directory = IncludePath.directory(of: source.path)
        var bag = DiagnosticBag()
        let document = YAMLLoader().load(source)
        bag.append(contentsOf: document.diagnostics)
        guard let root = document.root else { return (config, bag.diagnostics) }
        guard let pairs = root.mappingPairs else {
            bag.report(.invalidValue, "the config must be a mapping with 'checks' and 'exclude'", at: root.range)
            return (config, bag.diagnostics)
        }
        let fields = Fields(root, pairs: pairs, allowed: ["checks", "exclude"], owner: "the config", bag: &bag)
        if let checks = fields["checks"] {
            if let checkPairs = checks.mappingPairs {
                for pair in checkPairs { readCheck(pair, into: &config, bag: &bag) }
            } else {
                bag.report(.invalidValue, "'checks' must map check ids to settings", at: checks.range)
            }
        }
        if let exclude = fields["exclude"] {
            for item in exclude.sequenceItems.map(Array.init) ?? [exclude] {
                if let text = item.scalarText { config.exclude.append(text) } else {
                    bag.report(.invalidValue, "an entry of 'exclude' must be a path or pattern", at: item.range)
                }
            }
        }
        return (config, bag.diagnostics)
    }

    private func readCheck(_ pair: YAMLPair, into config: inout ProjectConfig, bag: inout DiagnosticBag) {
        guard let id = pair.key.scalarText, let check = CheckRegistry.descriptor(id) else {
            let id = pair.key.scalarText ?? ""
            bag.report(.undefinedReference, "no check is named '\(id)'\(Suggestion.hint(for: id, in: CheckRegistry.ids)); `callflow checks` lists them",
                       at: pair.key.range)
            return
        }
        if pair.value.scalarText != nil {
            readSeverity(pair.value, check: check, into: &config, bag: &bag)
            return
        }
        guard let settings = pair.value.mappingPairs else {
            bag.report(.invalidValue, "settings of '\(id)' must be a severity or a mapping", at: pair.value.range)
            return
        }
        let allowed = ["severity"] + check.options.map(\.name)
        let fields = Fields(pair.value, pairs: settings, allowed: allowed, owner: "the settings of '\(id)'", bag: &bag)
        if let severity = fields["severity"] { readSeverity(severity, check: check, into: &config, bag: &bag) }
        for option in check.options {
            guard let node = fields[option.name] else { continue }
            switch option.defaultValue {
            case .integer:
                if case .int(let n)? = node.scalarValue, n >= 0 {
                    config.options[id, default: [:]][option.name] = .integer(n)
                } else {
                    bag.report(.invalidValue, "'\(option.name)' of '\(id)' must be a whole number, not \(node.kindDescription)", at: node.range)
                }
            case .duration:
                if let text = node.scalarText, let duration = Duration(parsing: text) {
                    config.options[id, default: [:]][option.name] = .duration(duration)
                } else {
                    bag.report(.invalidValue, "'\(option.name)' of '\(id)' must be a duration such as 90s or 2m, not \(node.kindDescription)", at: node.range)
                }
            }
        }
    }

    private func readSeverity(_ node: YAMLNode, check: CheckDescriptor, into config: inout ProjectConfig, bag: inout DiagnosticBag) {
        switch node.scalarText {
        case "error": config.severities[check.id] = .some(.error)
        case "warning": config.severities[check.id] = .some(.warning)
        case "off": config.severities[check.id] = .some(nil)
        default:
            bag.report(.invalidValue, "the severity of '\(check.id)' must be error, warning or off, not \(node.kindDescription)", at: node.range)
        }
    }
}
