/// `include`: resource files relative to the file that names them, confined to the root flow's
/// folder, without cycles.
extension FlowDecoder {
    func loadInclude(_ item: YAMLNode, from file: String, rootDirectory: String, chain: [String]) {
        guard let path = text(item, what: "an include path")?.value else { return }
        guard !path.hasPrefix("/") else {
            invalid(item, "include '\(path)' is absolute; name it relative to \(file)")
            return
        }
        let display = IncludePath.join(IncludePath.directory(of: file), path)
        let canonical = IncludePath.canonical(display)
        let rootCanonical = IncludePath.canonical(rootDirectory.isEmpty ? "." : rootDirectory)
        guard IncludePath.isInside(canonical, folder: rootCanonical) else {
            invalid(item, "include '\(path)' leaves the folder of the root flow (\(rootDirectory.isEmpty ? "." : rootDirectory)); includes must stay inside it")
            return
        }
        let chainCanonical = chain.map(IncludePath.canonical)
        if let loop = chainCanonical.firstIndex(of: canonical) {
            let cycle = (chain[loop...] + [display]).joined(separator: " -> ")
            invalid(item, "include '\(path)' forms a cycle: \(cycle); remove one of these includes")
            return
        }
        includes.append(Include(path: Located(path, at: item.range), resolvedPath: display))
        // A file included twice along different branches is read once: its resources are the same.
        if sources.contains(where: { IncludePath.canonical($0.path) == canonical }) { return }

        let source: SourceFile
        do {
            source = try fileSystem.read(display)
        } catch {
            bag.report(.undefinedReference, "include '\(path)' cannot be read (\(error.description))", at: item.range)
            return
        }
        sources.append(source)
        let document = YAMLLoader(limits: limits).load(source)
        bag.append(contentsOf: document.diagnostics)
        guard let root = document.root, let pairs = mapping(root, what: "an include file") else { return }
        let fields = Fields(root, pairs: pairs, allowed: Self.includeFileKeys, owner: "include file \(display)", bag: &bag) { key in
            Self.topLevelKeys.contains(key)
                ? "; include files hold only context, skills, schedules and queues: move '\(key)' to the flow" : nil
        }
        decodeResources(fields, file: display, rootDirectory: rootDirectory, chain: chain + [display])
    }
}
