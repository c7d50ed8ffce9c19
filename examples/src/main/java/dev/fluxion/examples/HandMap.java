package dev.fluxion.examples;

import dev.fluxion.compiler.CompiledFunction;
import dev.fluxion.runtime.sparse.CsrMatrix;
import dev.fluxion.runtime.sparse.ItemMap;
import java.util.Arrays;

/**
 * ADBench's hand objective and Jacobian on one input, from the three functions of
 * {@code adbench/hand.flx} ({@link HandProgram}): the pose function once (θ → every bone's
 * skinning transform turned by the global rotation, and the translation: 267 values), then the
 * point function ({@code hand_simple} or {@code hand_complicated}) over the N points as a
 * per-item map ({@link CompiledFunction#itemMap}): point i reads the rows of the transforms of
 * the bones its vertex (or its triangle's three vertices) is weighted by, gathered by bone
 * number, the translation, and for the complicated variant its own u₁, u₂; its vertices, weights
 * and measured point are data.
 *
 * <p><b>Jacobian.</b> The map gives each point's block of derivatives with respect to what it
 * reads (each residual reads its own row of each bone, 4 × k values, its translation and its
 * us); the pose function's sparse Jacobian ({@link CompiledFunction#jacobianSparse}: 267 × 26,
 * at most 7 θ per transform entry: the global rotation's 3 and its finger's, found with 7 column
 * colors) gives the derivatives of what it reads with respect to θ. Their product (the chain
 * rule, row by row: each stored entry of the point's block times the θ-row of the pose output
 * it read) is the 3N × 26 Jacobian; for the complicated variant the us entries become ADBench's
 * two compressed columns ahead of θ's (3N × 28). Both are written row-major into an array of the
 * caller.
 *
 * <p>Thread-safe: the scratch arrays are per thread.
 */
public final class HandMap {

    private final CompiledFunction pose;
    private final ItemMap map;
    private final int n;
    private final boolean complicated;
    private final int slots;
    /** Per column of the map: the pose output it reads, or −1 − e for a point's own u_e. */
    private final int[] source;
    /** Where each slot's row blocks (slot k, row r at 3k + r) and the translation start among the map's columns. */
    private final int[] blockStart;
    private final int globalStart;
    /** The map's row pointers and column indices (its structure, kept: {@link ItemMap#structure} makes a new one). */
    private final int[] rowPointers;
    private final int[] columnIndices;
    private final ThreadLocal<double[][]> scratch;

    /**
     * The map of {@code functions} over {@code problem}'s points.
     *
     * @param functions the three compiled functions of the program
     * @param problem   the input
     */
    public HandMap(HandProgram.Functions functions, HandProblem problem) {
        HandModel model = problem.model();
        this.pose = functions.pose().withData(flat(model.relative()), flat(model.inverse()));
        this.n = problem.n();
        this.complicated = problem.complicated();
        CompiledFunction item = complicated ? functions.complicated() : functions.simple();
        this.slots = functions.slots(complicated);
        int bones = model.boneCount();
        int[][] gather = new int[slots][n];
        int dataSets = complicated ? 7 : 3;
        double[][] data = new double[dataSets][];
        if (complicated) {
            for (int d = 0; d < 3; d++) {
                data[d] = new double[n * slots];
                data[3 + d] = new double[n * 3];
            }
        } else {
            data[0] = new double[n * slots];
            data[1] = new double[n * 3];
        }
        double[] p = problem.points().clone();
        for (int i = 0; i < n; i++) {
            int c = problem.correspondences()[i];
            int[] used = complicated ? model.triangleBones(c) : model.bones()[c];
            if (used.length > slots) {
                throw new IllegalArgumentException("point " + i + " reads " + used.length + " bones, the program " + slots);
            }
            for (int k = 0; k < slots; k++) {
                // a slot left over reads the root's transform with weight 0: an exact 0 added
                gather[k][i] = k < used.length ? used[k] : 0;
            }
            int[] vertices = complicated ? model.triangles()[c] : new int[] {c};
            for (int v = 0; v < vertices.length; v++) {
                int vertex = vertices[v];
                int[] vb = model.bones()[vertex];
                double[] vw = model.weights()[vertex];
                for (int k = 0; k < used.length; k++) {
                    int at = Arrays.binarySearch(vb, used[k]);
                    data[v][i * slots + k] = at >= 0 ? vw[at] : 0;
                }
                System.arraycopy(model.positions()[vertex], 0, data[vertices.length + v], 3 * i, 3);
            }
        }
        data[dataSets - 1] = p;
        ItemMap.Builder b = item.itemMap(n);
        if (complicated) {
            b.own();
        }
        // slot k, row r: row r of the transform of bone gather[k][i], element 3 bone + r of the rows
        for (int k = 0; k < slots; k++) {
            for (int r = 0; r < 3; r++) {
                int[] row = new int[n];
                for (int i = 0; i < n; i++) {
                    row[i] = 3 * gather[k][i] + r;
                }
                b.gather(3 * bones, row);
            }
        }
        for (int j = 0; j < HandProgram.GLOBAL; j++) {
            b.gather(1, new int[n]);
        }
        for (double[] d : data) {
            b.data(d);
        }
        this.map = b.build();
        int transforms = 12 * bones;
        this.source = new int[map.cols()];
        this.blockStart = new int[3 * slots];
        int c = 0;
        if (complicated) {
            for (int i = 0; i < n; i++) {
                source[c++] = -1;
                source[c++] = -2;
            }
        }
        for (int k = 0; k < 3 * slots; k++) {
            blockStart[k] = c;
            for (int e = 0; e < transforms; e++) {
                source[c++] = e;
            }
        }
        this.globalStart = c;
        for (int e = 0; e < HandProgram.GLOBAL; e++) {
            source[c++] = transforms + e;
        }
        CsrMatrix structure = map.structure();
        this.rowPointers = structure.rowPointers();
        this.columnIndices = structure.columnIndices();
        int nnz = map.nonZeros();
        int cols = map.cols();
        this.scratch = ThreadLocal.withInitial(() -> new double[][] {new double[cols], new double[nnz]});
    }

    private static double[] flat(double[][] m) {
        return Arrays.stream(m).flatMapToDouble(Arrays::stream).toArray();
    }

    /** The number of residuals, 3N. */
    public int rows() {
        return 3 * n;
    }

    /** The Jacobian's columns in ADBench's layout: 26, or 28 with the us columns first. */
    public int cols() {
        return complicated ? 2 + HandProblem.THETA : HandProblem.THETA;
    }

    /** The bone transforms each point reads (4 for a vertex, 5 for a triangle's three in ADBench's model). */
    public int slots() {
        return slots;
    }

    /** The per-item map of the point function. */
    public ItemMap map() {
        return map;
    }

    /** The pose function, bound to the model. */
    public CompiledFunction pose() {
        return pose;
    }

    /** The map's global inputs: the us, then the pose's outputs (the transforms once per slot and row, the translation). */
    private double[] inputs(double[] theta, double[] us) {
        double[] x = scratch.get()[0];
        double[] posed = pose.values(theta);
        int transforms = posed.length - HandProgram.GLOBAL;
        if (complicated) {
            System.arraycopy(us, 0, x, 0, 2 * n);
        }
        for (int k = 0; k < blockStart.length; k++) {
            System.arraycopy(posed, 0, x, blockStart[k], transforms);
        }
        System.arraycopy(posed, transforms, x, globalStart, HandProgram.GLOBAL);
        return x;
    }

    /**
     * The residuals: ADBench's {@code err}, point by point.
     *
     * @param theta the 26 pose parameters
     * @param us    the 2N barycentric coordinates (complicated), or null
     * @param err   receives the 3N residuals
     */
    public void values(double[] theta, double[] us, double[] err) {
        map.values(inputs(theta, us), err);
    }

    /**
     * The residuals and the Jacobian in ADBench's layout, row-major: 3N × 26 (∂err/∂θ), or for
     * the complicated variant 3N × 28 (∂err[3i + j]/∂u₁ᵢ, ∂err[3i + j]/∂u₂ᵢ, then ∂err/∂θ).
     *
     * @param theta the 26 pose parameters
     * @param us    the 2N barycentric coordinates (complicated), or null
     * @param err   receives the 3N residuals
     * @param jacobian receives the 3N × {@link #cols()} entries
     */
    public void jacobian(double[] theta, double[] us, double[] err, double[] jacobian) {
        double[] x = inputs(theta, us);
        CsrMatrix dPose = pose.jacobianSparse(theta);
        double[] values = scratch.get()[1];
        map.jacobian(x, err, values);
        int[] ptr = rowPointers;
        int[] col = columnIndices;
        int[] pPtr = dPose.rowPointers();
        int[] pCol = dPose.columnIndices();
        double[] pVal = dPose.values();
        int width = cols();
        int thetaAt = width - HandProblem.THETA;
        Arrays.fill(jacobian, 0);
        for (int r = 0; r < 3 * n; r++) {
            int row = r * width;
            for (int k = ptr[r]; k < ptr[r + 1]; k++) {
                double a = values[k];
                int src = source[col[k]];
                if (src < 0) {
                    jacobian[row - 1 - src] = a;
                } else if (a != 0) {
                    for (int q = pPtr[src]; q < pPtr[src + 1]; q++) {
                        jacobian[row + thetaAt + pCol[q]] += a * pVal[q];
                    }
                }
            }
        }
    }
}
