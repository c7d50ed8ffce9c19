package dev.fluxion.examples;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.compiler.Fluxion;
import dev.fluxion.compiler.Sparsity;
import dev.fluxion.compiler.sparse.Coloring;
import dev.fluxion.compiler.sparse.Pattern;
import dev.fluxion.runtime.sparse.CsrMatrix;
import dev.fluxion.runtime.sparse.ItemMap;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The ADBench objectives written in the language, against ADBench's expected values, with the
 * time of each objective and its derivative. BA ({@code adbench/ba.flx}, a per-item map over the
 * observations): on {@code ba/test.txt} the residuals, the 310 Jacobian values and the CSR
 * structure against {@code ba_test_expected.txt} to 1e-8 (ADBench's tolerance), in both sweeps;
 * the general sparse Jacobian of the whole residual vector beside the map on the test file; then
 * every BA file's objective time, Jacobian time, their ratio and non-zeros, and the peak heap.
 * Then the hand ({@link AdBenchHand}) and the LSTM ({@link AdBenchLstm}).
 * Exits with status 1 when anything disagrees.
 */
public final class AdBench {

    /** ADBench's tolerance. */
    public static final double TOLERANCE = 1e-8;
    /** The BA files, smallest first. */
    public static final List<String> BA_FILES = List.of("test.txt", "ba1_n49_m7776_p31843.txt", "ba2_n21_m11315_p36455.txt",
            "ba3_n161_m48126_p182072.txt", "ba10_n1197_m126327_p563734.txt");

    private AdBench() {
    }

    /**
     * {@code ba_test_expected.txt}: the two reprojection errors and the weight error (the same for
     * every observation), and the 310 CSR values row-major.
     *
     * @param reprojection the two reprojection errors
     * @param weightError  the weight error
     * @param values       the CSR values
     */
    public record BaExpected(double[] reprojection, double weightError, double[] values) {

        /** Reads the file in {@code baDir}. */
        public static BaExpected read(Path baDir) throws IOException {
            String[] lines = Files.readAllLines(baDir.resolve("ba_test_expected.txt")).stream()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toArray(String[]::new);
            String[] r = lines[0].trim().split("\\s+");
            String[] w = lines[1].trim().split("\\s+");
            double[] v = Arrays.stream(lines[2].trim().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
            return new BaExpected(new double[] {Double.parseDouble(r[1]), Double.parseDouble(r[2])}, Double.parseDouble(w[1]), v);
        }
    }

    /**
     * ADBench's CSR structure of the BA Jacobian ({@code BASparseMat}, utils.cpp
     * {@code insert_reproj_err_block} and {@code insert_w_err_block}): row pointers
     * [0, 15, 30, …, 30p, 30p + 1, …, 31p]; in rows 2i and 2i + 1 the columns 11c..11c + 10,
     * 11n + 3j..11n + 3j + 2 and 11n + 3m + i for observation i = (camera c, point j); in row
     * 2p + i the column 11n + 3m + i.
     *
     * @return {row pointers, column indices}
     */
    public static int[][] adbenchStructure(BaProblem pr) {
        int p = pr.p();
        int[] rows = new int[3 * p + 1];
        int[] cols = new int[31 * p];
        int k = 0;
        for (int r = 0; r < 2 * p; r++) {
            int i = r / 2;
            for (int e = 0; e < BaProblem.CAM; e++) {
                cols[k++] = BaProblem.CAM * pr.camIndex()[i] + e;
            }
            for (int e = 0; e < BaProblem.POINT; e++) {
                cols[k++] = BaProblem.CAM * pr.n() + BaProblem.POINT * pr.pointIndex()[i] + e;
            }
            cols[k++] = BaProblem.CAM * pr.n() + BaProblem.POINT * pr.m() + i;
            rows[r + 1] = k;
        }
        for (int i = 0; i < p; i++) {
            cols[k++] = BaProblem.CAM * pr.n() + BaProblem.POINT * pr.m() + i;
            rows[2 * p + i + 1] = k;
        }
        return new int[][] {rows, cols};
    }

    /**
     * The test file through the map by {@code sweep}: every residual, every CSR value against the
     * reference (1e-8), then the row pointers and column indices against ADBench's (the number of
     * positions that differ, expected 0).
     */
    public static List<Agreement> baTestCase(Path baDir, ItemMap.Sweep sweep) throws IOException {
        BaProblem pr = BaProblem.read(baDir.resolve("test.txt"));
        BaExpected want = BaExpected.read(baDir);
        ItemMap map = BaProgram.map(BaProgram.compile(), pr, sweep);
        double[] y = new double[map.rows()];
        CsrMatrix j = map.jacobian(pr.inputs(), y);
        List<Agreement> out = new ArrayList<>();
        for (int i = 0; i < pr.p(); i++) {
            out.add(new Agreement("reproj_err[" + i + "][0]", want.reprojection()[0], y[2 * i], TOLERANCE));
            out.add(new Agreement("reproj_err[" + i + "][1]", want.reprojection()[1], y[2 * i + 1], TOLERANCE));
        }
        for (int i = 0; i < pr.p(); i++) {
            out.add(new Agreement("w_err[" + i + "]", want.weightError(), y[2 * pr.p() + i], TOLERANCE));
        }
        double[] v = j.values();
        out.add(new Agreement("CSR values", want.values().length, v.length, 0));
        for (int k = 0; k < Math.min(v.length, want.values().length); k++) {
            out.add(new Agreement("vals[" + k + "]", want.values()[k], v[k], TOLERANCE));
        }
        int[][] s = adbenchStructure(pr);
        out.add(new Agreement("CSR rows differing", 0, differing(s[0], j.rowPointers()), 0));
        out.add(new Agreement("CSR cols differing", 0, differing(s[1], j.columnIndices()), 0));
        out.add(new Agreement("CSR shape", 30.0 * 62, (double) j.rows() * j.cols(), 0));
        return out;
    }

    /** The positions where two arrays differ, and the difference in length. */
    private static int differing(int[] a, int[] b) {
        int d = Math.abs(a.length - b.length);
        for (int k = 0; k < Math.min(a.length, b.length); k++) {
            d += a[k] != b[k] ? 1 : 0;
        }
        return d;
    }

    /**
     * The general sparse Jacobian of the whole residual vector ({@link BaProgram#wholeVector})
     * beside the map's, on the same problem: the largest difference at the positions both store.
     */
    public static double generalAgainstMap(CompiledFunction whole, ItemMap map, double[] x) {
        CsrMatrix general = whole.jacobianSparse(x);
        CsrMatrix mine = map.jacobian(x, new double[map.rows()]);
        double worst = 0;
        for (int r = 0; r < mine.rows(); r++) {
            for (int c = 0; c < mine.cols(); c++) {
                if (general.isStored(r, c) || mine.isStored(r, c)) {
                    worst = Math.max(worst, Math.abs(general.get(r, c) - mine.get(r, c)));
                }
            }
        }
        return worst;
    }

    /**
     * The column colors a distance-2 coloring of the map's pattern needs ({@code sparse.Coloring},
     * as {@code jacobianSparse} would color it): the JVPs a compressed forward Jacobian would make.
     */
    public static int columnColors(ItemMap map) {
        CsrMatrix s = map.structure();
        int[] ptr = s.rowPointers();
        int[] cols = s.columnIndices();
        int[][] rows = new int[s.rows()][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(cols, ptr[r], ptr[r + 1]);
        }
        return Coloring.columns(Pattern.ofRows(s.rows(), s.cols(), rows)).count();
    }

    /** The whole residual vector of {@code pr} compiled as one function, its data bound. */
    public static CompiledFunction wholeVector(BaProblem pr) {
        return Fluxion.create().compile(BaProgram.wholeVector(pr), dev.fluxion.compiler.Options.defaults()).withData(pr.features());
    }

    /**
     * The median time of one call in microseconds: warm-up for about {@code seconds}/2, then 7
     * batches of about {@code seconds}/14 each. A rough figure (the JMH benchmark in bench is
     * the measurement).
     */
    static double micros(Runnable r, double seconds) {
        long warm = System.nanoTime() + (long) (seconds / 2 * 1e9);
        int calls = 0;
        do {
            r.run();
            calls++;
        } while (System.nanoTime() < warm || calls < 3);
        double[] t = new double[7];
        long batch = (long) (seconds / 14 * 1e9);
        for (int k = 0; k < t.length; k++) {
            int reps = 0;
            long t0 = System.nanoTime();
            do {
                r.run();
                reps++;
            } while (System.nanoTime() - t0 < batch);
            t[k] = (System.nanoTime() - t0) / 1e3 / reps;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }

    /** The heap pools' peaks added up since the last reset, in MB (an upper bound of the peak heap). */
    static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }

    static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Runs the example: {@code --data DIR} (holding ba/); {@code --quiet} leaves out the per-value lines. */
    public static void main(String[] args) throws IOException {
        Options options = Options.parseOrExit("adbench", args).withoutInit("adbench").withoutPrecision("adbench");
        Path baDir = options.data().resolve("ba");
        boolean ok = true;
        for (ItemMap.Sweep sweep : ItemMap.Sweep.values()) {
            List<Agreement> c = baTestCase(baDir, sweep);
            double worst = 0;
            boolean all = true;
            for (Agreement a : c) {
                if (!options.quiet() || !a.ok()) {
                    System.out.println("  " + a.format());
                }
                all &= a.ok();
                worst = a.what().startsWith("CSR") ? worst : Math.max(worst, Math.abs(a.computed() - a.expected()));
            }
            System.out.printf(Locale.ROOT, "ba/test.txt, per-item map by %s sweeps: 30 residuals, 310 CSR values, rows and cols"
                    + " against ba_test_expected.txt (ADBench): %s, largest difference %.1e (tolerance %.0e)%n",
                    sweep.name().toLowerCase(Locale.ROOT), all ? "agree" : "DISAGREE", worst, TOLERANCE);
            ok &= all;
        }

        CompiledFunction item = BaProgram.compile();
        BaProblem test = BaProblem.read(baDir.resolve("test.txt"));
        CompiledFunction whole = wholeVector(test);
        ItemMap testMap = BaProgram.map(item, test);
        double[] tx = test.inputs();
        double generalDiff = generalAgainstMap(whole, testMap, tx);
        Sparsity report = whole.sparsity();
        System.out.printf(Locale.ROOT, "ba/test.txt, general sparse Jacobian of the whole residual vector (written out per"
                + " observation): %s; beside the map: largest difference %.1e over the positions either stores%n", report,
                generalDiff);
        ok &= generalDiff <= TOLERANCE;
        if (!options.quiet()) {
            double gf = micros(() -> whole.values(tx), 1);
            double gj = micros(() -> whole.jacobianSparse(tx), 1);
            System.out.printf(Locale.ROOT, "  general: objective %.1f us, Jacobian %.1f us (%.1f); the map below%n", gf, gj, gj / gf);
        }

        System.out.printf(Locale.ROOT, "%-32s %6s %7s %7s %11s %11s %6s %10s %7s  %s%n", "BA file (per-item map, "
                + testMap.sweep().name().toLowerCase(Locale.ROOT) + ")", "n", "m", "p", "f (us)", "J (us)", "J/f", "nnz", "colors",
                "rows × cols");
        for (String file : BA_FILES) {
            BaProblem pr = BaProblem.read(baDir.resolve(file));
            resetPeaks();
            ItemMap map = BaProgram.map(item, pr);
            double[] x = pr.inputs();
            double[] y = new double[map.rows()];
            double seconds = options.quiet() ? 0.5 : 3;
            double f = micros(() -> map.values(x, y), seconds);
            double j = micros(() -> map.jacobian(x, y), seconds);
            double peak = peakHeapMb();
            CsrMatrix held = map.jacobian(x, y);
            System.gc();
            double live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
            System.out.printf(Locale.ROOT, "%-32s %6d %7d %7d %11.1f %11.1f %6.2f %10d %7d  %d × %d; heap: %.0f MB live"
                    + " holding a Jacobian, peak %.0f MB, of %.0f MB%n", file, pr.n(), pr.m(), pr.p(), f, j, j / f,
                    held.nonZeros(), columnColors(map), map.rows(), map.cols(), live, peak, Runtime.getRuntime().maxMemory() / 1e6);
            ok &= map.nonZeros() == 31 * pr.p();
        }
        System.out.println("  f: the residuals; J: the Jacobian with the residuals, a new CsrMatrix per call; rough medians,"
                + " not a benchmark (bench/run-adbench.sh). colors: what a distance-2 column coloring of the pattern needs"
                + " (the JVPs jacobianSparse would make); the map makes none, it computes each observation's 3 × 15 block."
                + " Heap: used after a full"
                + " collection while the map, its inputs and one Jacobian are held; peak: the heap pools' peaks during the"
                + " timing added up (an upper bound, garbage included).");
        ok &= AdBenchHand.run(options);
        ok &= AdBenchLstm.run(options);
        System.out.println(ok ? "adbench: every value agrees" : "adbench: DISAGREEMENT");
        if (!ok) {
            System.exit(1);
        }
    }
}
