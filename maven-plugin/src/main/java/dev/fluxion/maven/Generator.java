package dev.fluxion.maven;

import dev.fluxion.compiler.Compilation;
import dev.fluxion.compiler.Entry;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.ModelCompilation;
import dev.fluxion.compiler.Options;
import dev.fluxion.compiler.Pipeline;
import dev.fluxion.compiler.diag.CompileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates Java for every {@code .flx} file under a source directory, incrementally.
 *
 * <p>A source is regenerated when its content hash or the options hash differs from the
 * last run's, or when its output file is gone; otherwise it is left alone, and so is its
 * output file (its timestamp too, so javac's staleness check does not recompile it). A
 * source whose generated text equals the file on disk is not rewritten either. Outputs
 * whose source was removed, or that a source no longer generates (its program was
 * renamed), are deleted, with the package folders they leave empty. Only files this
 * generator recorded in its state are ever deleted.
 *
 * <p>Errors do not stop the run: every source is tried, and every problem is reported
 * with its file, line and column, in order of file and position. A source that failed keeps its previous output and is
 * retried next time.
 *
 * <p>The class of a program is named after the program ({@code fn sigmoid_neuron} gives
 * {@code SigmoidNeuron}, as at run time), and so is a {@code model} ({@code model
 * softmax_regression} gives {@code SoftmaxRegression}, a {@code dev.fluxion.runtime.model.Model});
 * a bare expression, and a program named {@code f}
 * (the name a bare expression gets), is named after its file ({@code rosenbrock.flx}
 * gives {@code Rosenbrock}). Folders under the source directory are subpackages.
 *
 * <p>A file of several definitions generates one class per entry: every {@code model}, and
 * every {@code fn} that no other definition of the file calls (a function called by another
 * is a helper, compiled into each class that calls it). A file with one entry generates one
 * class, as before.
 */
public final class Generator {

    /** The name the compiler gives a bare expression. */
    private static final String BARE_EXPRESSION_NAME = "f";

    private final GeneratorSettings settings;

    public Generator(GeneratorSettings settings) {
        this.settings = settings;
    }

    public GenerationReport run() throws IOException {
        BuildState old = BuildState.read(settings.stateFile());
        Run run = new Run();
        List<Pending> pending = new ArrayList<>();
        for (SourceFile s : SourceFile.scan(settings.sourceDirectory())) {
            BuildState.Entry prev = old.entries().get(s.relative());
            if (s.relative().contains("\t") || s.relative().contains("\n")) {
                run.problems.add(Problem.ofFile(s.file(), "a file name with a tab or line break cannot be recorded"));
                continue;
            }
            Optional<String> pkg = JavaNames.packageFor(settings.packageName(), s.folders());
            if (pkg.isEmpty()) {
                run.fail(s, prev, List.of(Problem.ofFile(s.file(), "folder '" + String.join("/", s.folders())
                        + "' does not map to a Java package: each folder name must be a Java identifier")));
                continue;
            }
            byte[] bytes = Files.readAllBytes(s.file());
            Pending p = new Pending(s, pkg.get(), bytes, Sha256.of(bytes), settings.optionsHash(pkg.get()), prev);
            if (prev != null && prev.sourceHash().equals(p.sourceHash()) && prev.optionsHash().equals(p.optionsHash())
                    && prev.outputs().stream().allMatch(o -> Files.isRegularFile(output(o))
                            && !run.claimed.containsKey(Run.key(o)))) {
                prev.outputs().forEach(o -> run.claim(o, s.relative()));
                run.next.put(s.relative(), prev);
                run.upToDate.add(s.file());
            } else {
                pending.add(p);
            }
        }
        for (Pending p : pending) {
            generate(p, run);
        }
        removeObsolete(old, run);
        Files.createDirectories(settings.outputDirectory());
        BuildState next = new BuildState(run.next);
        if (!next.equals(old) || !Files.isRegularFile(settings.stateFile())) {
            next.write(settings.stateFile());
        }
        run.problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
                .thenComparingInt(Problem::column));
        return new GenerationReport(run.generated, run.upToDate, run.removed, run.problems);
    }

    private void generate(Pending p, Run run) throws IOException {
        Path file = p.source().file();
        List<Translation> classes;
        try {
            classes = translate(p);
        } catch (CompileException e) {
            run.fail(p.source(), p.prev(), Problem.of(file, e));
            return;
        } catch (NameException e) {
            run.fail(p.source(), p.prev(), List.of(Problem.ofFile(file, e.getMessage())));
            return;
        } catch (RuntimeException e) {
            run.fail(p.source(), p.prev(), List.of(Problem.ofFile(file,
                    "Fluxion could not generate this program (a compiler bug, please report it): " + e)));
            return;
        }
        Set<String> mine = new HashSet<>();
        for (Translation c : classes) {
            String rel = c.relativePath();
            String owner = run.claimed.get(Run.key(rel));
            if (owner != null) {
                String other = run.claimedPath.get(Run.key(rel));
                String what = other.equals(rel) ? "class " + c.qualifiedClassName() + " is already generated from " + owner
                        : "class " + c.qualifiedClassName() + " differs only in case from " + other + ", generated from "
                        + owner + ", and a case-insensitive file system (macOS, Windows) cannot hold both";
                run.fail(p.source(), p.prev(), List.of(Problem.ofFile(file, what + "; rename the program or the file")));
                return;
            }
            if (!mine.add(Run.key(rel))) {
                run.fail(p.source(), p.prev(), List.of(Problem.ofFile(file, "class " + c.qualifiedClassName()
                        + " is generated from two entries of this file (or two differing only in case); rename one")));
                return;
            }
        }
        List<String> outputs = new ArrayList<>();
        for (Translation c : classes) {
            String rel = c.relativePath();
            Path out = output(rel);
            String java = c.javaSource();
            if (!Files.isRegularFile(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(java)) {
                Files.createDirectories(out.getParent());
                Files.writeString(out, java, StandardCharsets.UTF_8);
            }
            run.claim(rel, p.source().relative());
            run.generated.add(out);
            outputs.add(rel);
        }
        run.next.put(p.source().relative(), new BuildState.Entry(p.sourceHash(), p.optionsHash(), outputs));
    }

    /**
     * The classes of {@code p}, one per entry of the file (its models and the functions no
     * other of its definitions calls; a bare expression is one), each with exactly the options
     * the runtime API would be given for it: the configured ones, plus the entry and the class
     * name for a bare expression or a model.
     */
    private List<Translation> translate(Pending p) {
        String text = new String(p.bytes(), StandardCharsets.UTF_8);
        Options options = settings.options(p.pkg(), p.source().file());
        List<Entry> entries = Fluxion.entries(text);
        if (entries.size() <= 1) {
            return List.of(translate(p, text, options));
        }
        List<Translation> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(translate(p, text, options.withEntry(e.name())));
        }
        return out;
    }

    /** The class of the entry {@code options} names (null: the file's one entry). */
    private static Translation translate(Pending p, String text, Options options) {
        return Translation.of(pipeline(text, options, p.source()));
    }

    /**
     * The pipeline of the entry {@code options} names in {@code text} from {@code source}, its
     * class named as this generator names it: a function after the program, or for a bare
     * expression (a program named {@code f}) after its file; a model after the model, as a
     * function's is ({@code model softmax_regression} gives {@code SoftmaxRegression}).
     * {@link TestGenerator} names the tests' subjects with it, so a test always names the class
     * generated here.
     */
    static Pipeline pipeline(String text, Options options, SourceFile source) {
        Pipeline first = Pipeline.of(text, options);
        String name = first.accept(new Pipeline.Visitor<String>() {
            @Override
            public String function(Compilation c) {
                if (!c.entryName().equals(BARE_EXPRESSION_NAME)) {
                    return null;
                }
                return JavaNames.classNameFromFile(source.fileName()).orElseThrow(() -> new NameException(
                        "cannot name a Java class after file '" + source.fileName() + "': a bare expression's class is "
                                + "named after its file, so start the file name with a letter (or write the program as "
                                + "fn name(...) { ... })"));
            }

            @Override
            public String model(ModelCompilation m) {
                return JavaNames.classNameFromProgram(m.entryName());
            }
        });
        return name == null ? first : Pipeline.of(text, options.withClassName(name));
    }

    /** Deletes the outputs of the last run that no source of this run generates or keeps. */
    private void removeObsolete(BuildState old, Run run) throws IOException {
        Set<String> kept = new HashSet<>();
        run.next.values().forEach(e -> kept.addAll(e.outputs()));
        Set<String> obsolete = new TreeSet<>();
        old.entries().values().forEach(e -> obsolete.addAll(e.outputs()));
        obsolete.removeAll(kept);
        for (String rel : obsolete) {
            Path out = output(rel);
            if (!out.startsWith(settings.outputDirectory()) || !Files.isRegularFile(out)) {
                continue;
            }
            Files.delete(out);
            run.removed.add(out);
            deleteEmptyFolders(out.getParent());
        }
    }

    private void deleteEmptyFolders(Path dir) throws IOException {
        while (dir != null && dir.startsWith(settings.outputDirectory()) && !dir.equals(settings.outputDirectory())) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                if (entries.iterator().hasNext()) {
                    return;
                }
            }
            Files.delete(dir);
            dir = dir.getParent();
        }
    }

    private Path output(String relative) {
        return settings.outputDirectory().resolve(relative).normalize();
    }

    /** A source that must be (re)generated, with what was learnt while deciding so. */
    private record Pending(SourceFile source, String pkg, byte[] bytes, String sourceHash, String optionsHash,
                           BuildState.Entry prev) {
    }

    /** What one run has gathered so far. */
    private static final class Run {
        final Map<String, BuildState.Entry> next = new TreeMap<>();
        /**
         * Output (relative, {@link #key lower-cased}) to the source that generates it in this
         * run: two outputs that differ only in case would be one file on a case-insensitive
         * file system (macOS, Windows), so the second is refused.
         */
        final Map<String, String> claimed = new HashMap<>();

        /** The output that claimed each key, as written. */
        final Map<String, String> claimedPath = new HashMap<>();

        static String key(String relative) {
            return relative.toLowerCase(java.util.Locale.ROOT);
        }

        void claim(String output, String source) {
            claimed.put(key(output), source);
            claimedPath.put(key(output), output);
        }
        final List<java.nio.file.Path> generated = new ArrayList<>();
        final List<Path> upToDate = new ArrayList<>();
        final List<Path> removed = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();

        /** Records the problems of {@code s}; its previous output, if any, is kept and retried next run. */
        void fail(SourceFile s, BuildState.Entry prev, List<Problem> found) {
            problems.addAll(found);
            if (prev != null) {
                next.put(s.relative(), prev.failed());
            }
        }
    }

    /** A source whose class cannot be named. */
    static final class NameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameException(String message) {
            super(message);
        }
    }
}
