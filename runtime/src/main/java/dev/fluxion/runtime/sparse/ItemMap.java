package dev.fluxion.runtime.sparse;

import dev.fluxion.runtime.DifferentiableFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One function applied to many independent items, with the whole Jacobian assembled from each
 * item's dense block: a per-item map. Bundle adjustment is the example: every observation i
 * computes its residuals from camera {@code cam[i]}, point {@code pt[i]} and its own weight,
 * so its rows of the Jacobian touch those 11 + 3 + 1 columns only, and those entries are the
 * 3 × 15 Jacobian of the one-observation function.
 *
 * <p><b>Inputs.</b> The item function's differentiated parameters, in declaration order, each
 * drawn from a global block: {@link Builder#gather} reads element {@code index[i]} of a block of
 * {@code count} (elements of the parameter's size, row-major), {@link Builder#own} gives every
 * item its own element (a block of {@code items}). The global input vector, and the Jacobian's
 * columns, are the blocks one after another in parameter order: for BA, 11n camera values,
 * then 3m point values, then p weights.
 *
 * <p><b>Outputs.</b> The item's outputs are split into consecutive row groups
 * ({@link Builder#rowGroups}; one group by default). The global rows are group by group, and
 * within a group item by item: for BA, groups (2, 1) put observation i's reprojection errors in
 * rows 2i and 2i + 1 and its weight error in row 2p + i, ADBench's layout.
 *
 * <p><b>Stored entries.</b> Output o of item i stores the entries of the item inputs
 * {@code stored[o]} says (given when the map is built; the compiler's
 * {@code CompiledFunction.itemMap} stores, for each output, every element of each parameter the
 * program reads for it), at their global columns, so in increasing column order. Which entries
 * are stored depends on the map alone, never on the point.
 *
 * <p><b>Cost.</b> Per item one dense Jacobian of the item function, by its generated
 * {@link DifferentiableFunction#jacobianReverse} (one primal pass and one adjoint sweep per
 * output) or {@link DifferentiableFunction#jacobianForward} (one tangent pass per input),
 * then a copy of the stored entries. Nothing is allocated per item, nor per call beyond the
 * values of a returned matrix: each thread gets one set of scratch arrays, with the item function
 * bound to its data arrays, on its first call and keeps it. (Binding per call cost more than the
 * ten items of ADBench's test file: a generated class's {@code withData} makes a new object with a
 * new per-thread workspace.) The row pointers and column indices are built once with the map and
 * shared by every matrix it returns.
 *
 * <p>Thread-safe: the map's own state is immutable, and every thread works in its own scratch
 * arrays. The index lists and data arrays given to the builder are copied.
 */
public final class ItemMap {

    /** How each item's dense block is computed. */
    public enum Sweep {
        /** {@link DifferentiableFunction#jacobianForward}: one tangent pass per item input. */
        FORWARD,
        /** {@link DifferentiableFunction#jacobianReverse}: one primal pass and one adjoint sweep per item output. */
        REVERSE
    }

    private final DifferentiableFunction item;
    private final DifferentiableFunction derivatives;
    private final int items;
    private final Sweep sweep;
    /** Per item parameter: its size, the offset of its first element among the item's inputs, its block's first column. */
    private final int[] size;
    private final int[] local;
    private final int[] column;
    /** Per item parameter: the index list (item i reads element index[i] of the block), or null for the item's own. */
    private final int[][] index;
    /** Per data parameter: its size and the items' values, item by item. */
    private final int[] dataSize;
    private final double[][] data;
    /** Per item output: the global row of item 0, the row stride between items, the item inputs stored. */
    private final int[] rowBase;
    private final int[] rowStride;
    private final int[][] storedInputs;
    private final int rows;
    private final int cols;
    private final int[] rowPointers;
    private final int[] columnIndices;
    /**
     * Each thread's working arrays and bound functions, made on its first call. A {@link Scratch}
     * holds no reference to the map: a thread's table keeps its value until the entry is found
     * stale, and it must not keep a dropped map's row pointers and column indices alive.
     */
    private final ThreadLocal<Scratch> scratch;

    private ItemMap(Builder b) {
        this.item = b.item;
        this.derivatives = b.derivatives;
        this.items = b.items;
        this.sweep = b.sweep;
        int params = b.sizes.length;
        this.size = b.sizes.clone();
        this.local = new int[params];
        this.column = new int[params];
        this.index = new int[params][];
        long col = 0;
        int at = 0;
        for (int k = 0; k < params; k++) {
            local[k] = at;
            at += size[k];
            column[k] = (int) col;
            Source s = b.sources.get(k);
            index[k] = s.index == null ? null : s.index.clone();
            col += (long) size[k] * (s.index == null ? items : s.count);
            if (col > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("the global inputs exceed " + Integer.MAX_VALUE + " columns");
            }
        }
        this.cols = (int) col;
        int[] ds = item.dataSizes();
        this.dataSize = ds;
        this.data = new double[ds.length][];
        for (int j = 0; j < ds.length; j++) {
            data[j] = b.data.get(j).clone();
        }
        int outputs = item.outputCount();
        this.storedInputs = new int[outputs][];
        for (int o = 0; o < outputs; o++) {
            int n = 0;
            for (boolean s : b.stored[o]) {
                n += s ? 1 : 0;
            }
            storedInputs[o] = new int[n];
            n = 0;
            for (int i = 0; i < b.stored[o].length; i++) {
                if (b.stored[o][i]) {
                    storedInputs[o][n++] = i;
                }
            }
        }
        this.rowBase = new int[outputs];
        this.rowStride = new int[outputs];
        long row = 0;
        int o = 0;
        for (int g : b.groups) {
            for (int r = 0; r < g; r++) {
                rowBase[o + r] = (int) (row + r);
                rowStride[o + r] = g;
            }
            row += (long) g * items;
            o += g;
        }
        if (row > Integer.MAX_VALUE - 1) {
            throw new IllegalArgumentException("the Jacobian would have " + row + " rows");
        }
        this.rows = (int) row;
        // Row pointers: every row of output o holds storedInputs[o].length entries.
        int[] rowLength = new int[rows];
        for (o = 0; o < outputs; o++) {
            for (int i = 0; i < items; i++) {
                rowLength[rowBase[o] + i * rowStride[o]] = storedInputs[o].length;
            }
        }
        this.rowPointers = new int[rows + 1];
        long nnz = 0;
        for (int r = 0; r < rows; r++) {
            nnz += rowLength[r];
            if (nnz > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the Jacobian would store more than " + Integer.MAX_VALUE + " entries");
            }
            rowPointers[r + 1] = (int) nnz;
        }
        this.columnIndices = new int[(int) nnz];
        int[] inputColumn = new int[item.inputCount()];
        for (int i = 0; i < items; i++) {
            globalColumns(i, inputColumn);
            for (o = 0; o < outputs; o++) {
                int p = rowPointers[rowBase[o] + i * rowStride[o]];
                for (int e : storedInputs[o]) {
                    columnIndices[p++] = inputColumn[e];
                }
            }
        }
        DifferentiableFunction f = item;
        DifferentiableFunction g = derivatives;
        int[] sizes = dataSize;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(f, g, sizes));
    }

    /** The global column of each of item i's inputs. */
    private void globalColumns(int i, int[] out) {
        for (int k = 0; k < size.length; k++) {
            int element = index[k] == null ? i : index[k][i];
            int c = column[k] + element * size[k];
            for (int e = 0; e < size[k]; e++) {
                out[local[k] + e] = c + e;
            }
        }
    }

    /**
     * A builder for the map of {@code item} over {@code items} items.
     *
     * @param item the function of one item, its data parameters (if any) unbound or bound:
     *             they are rebound per item from {@link Builder#data}
     * @param items the number of items
     * @param parameterSizes the sizes of the item's differentiated parameters, in declaration order
     *                       (they add up to its input count)
     * @param stored for each item output, for each item input, whether the entry is stored
     *               (null: every entry)
     * @return the builder; call {@link Builder#gather} or {@link Builder#own} once per parameter
     * @throws IllegalArgumentException if the sizes or the mask do not fit the function
     */
    public static Builder builder(DifferentiableFunction item, int items, int[] parameterSizes, boolean[][] stored) {
        return new Builder(item, items, parameterSizes, stored);
    }

    /** Collects the sources of the parameters and the data; {@link #build} checks them. */
    public static final class Builder {
        private final DifferentiableFunction item;
        private DifferentiableFunction derivatives;
        private final int items;
        private final int[] sizes;
        private final boolean[][] stored;
        private final List<Source> sources = new ArrayList<>();
        private final List<double[]> data = new ArrayList<>();
        private int[] groups;
        private Sweep sweep = Sweep.REVERSE;

        private Builder(DifferentiableFunction item, int items, int[] parameterSizes, boolean[][] stored) {
            if (items < 0) {
                throw new IllegalArgumentException("the number of items must be at least 0, got " + items);
            }
            int m = item.inputCount();
            int n = item.outputCount();
            int total = 0;
            for (int s : parameterSizes) {
                if (s < 1) {
                    throw new IllegalArgumentException("a parameter size must be at least 1, got " + Arrays.toString(parameterSizes));
                }
                total += s;
            }
            if (total != m) {
                throw new IllegalArgumentException("the parameter sizes " + Arrays.toString(parameterSizes) + " add up to "
                        + total + ", but the item function has " + m + " inputs");
            }
            boolean[][] mask = new boolean[n][m];
            for (int o = 0; o < n; o++) {
                if (stored == null) {
                    Arrays.fill(mask[o], true);
                } else {
                    if (stored.length != n || stored[o].length != m) {
                        throw new IllegalArgumentException("the stored-entry mask must be " + n + " × " + m);
                    }
                    mask[o] = stored[o].clone();
                }
            }
            this.item = item;
            this.derivatives = item;
            this.items = items;
            this.sizes = parameterSizes.clone();
            this.stored = mask;
            this.groups = new int[] {n};
        }

        /**
         * The next parameter is gathered: item i reads element {@code index[i]} of a global
         * block of {@code count} elements.
         *
         * @param count the number of elements in the block (cameras, points)
         * @param index one element number per item, each in [0, count); repeats allowed
         * @return this builder
         */
        public Builder gather(int count, int[] index) {
            if (index.length != items) {
                throw new IllegalArgumentException("parameter " + sources.size() + ": the index list has " + index.length
                        + " entries for " + items + " items");
            }
            for (int i = 0; i < items; i++) {
                if (index[i] < 0 || index[i] >= count) {
                    throw new IllegalArgumentException("parameter " + sources.size() + ": item " + i + " reads element "
                            + index[i] + " of a block of " + count);
                }
            }
            sources.add(new Source(count, index));
            return this;
        }

        /**
         * The next parameter is the item's own: a global block of one element per item.
         *
         * @return this builder
         */
        public Builder own() {
            sources.add(new Source(items, null));
            return this;
        }

        /**
         * The next data parameter's values, item by item: item i's are the parameter's size
         * starting at {@code i * size}.
         *
         * @param perItem items × size values
         * @return this builder
         */
        public Builder data(double[] perItem) {
            data.add(perItem);
            return this;
        }

        /**
         * Splits the item's outputs into consecutive groups; the global rows are group by
         * group, item by item within a group. Default: one group.
         *
         * @param sizes the group sizes, adding up to the item's output count
         * @return this builder
         */
        public Builder rowGroups(int... sizes) {
            int total = 0;
            for (int g : sizes) {
                if (g < 1) {
                    throw new IllegalArgumentException("a row group must hold at least one output, got " + Arrays.toString(sizes));
                }
                total += g;
            }
            if (total != item.outputCount()) {
                throw new IllegalArgumentException("the row groups " + Arrays.toString(sizes) + " add up to " + total
                        + ", but the item function has " + item.outputCount() + " outputs");
            }
            this.groups = sizes.clone();
            return this;
        }

        /**
         * The class whose Jacobian methods compute the blocks, when it is not the item function
         * itself (the compiler generates the Jacobian methods in a class of their own, on first use).
         *
         * @param f a function with the item function's inputs, outputs and data parameters
         * @return this builder
         * @throws IllegalArgumentException if its shape differs
         */
        public Builder derivatives(DifferentiableFunction f) {
            if (f.inputCount() != item.inputCount() || f.outputCount() != item.outputCount()
                    || !Arrays.equals(f.dataSizes(), item.dataSizes())) {
                throw new IllegalArgumentException("the derivatives' class must have the item function's "
                        + item.inputCount() + " inputs, " + item.outputCount() + " outputs and data sizes "
                        + Arrays.toString(item.dataSizes()));
            }
            this.derivatives = f;
            return this;
        }

        /**
         * How each item's block is computed (default {@link Sweep#REVERSE}).
         *
         * @param s the sweep
         * @return this builder
         */
        public Builder sweep(Sweep s) {
            this.sweep = s;
            return this;
        }

        /**
         * The map, with its row pointers and column indices built.
         *
         * @return the map
         * @throws IllegalArgumentException if a parameter has no source, or the data do not fit
         */
        public ItemMap build() {
            if (sources.size() != sizes.length) {
                throw new IllegalArgumentException("the item function has " + sizes.length + " parameters; "
                        + sources.size() + " were given a source (gather or own)");
            }
            String[] names = item.dataNames();
            int[] ds = item.dataSizes();
            if (data.size() != ds.length) {
                throw new IllegalArgumentException("the item function has " + ds.length + " data parameters "
                        + Arrays.toString(names) + "; " + data.size() + " were given");
            }
            for (int j = 0; j < ds.length; j++) {
                if ((long) data.get(j).length != (long) ds[j] * items) {
                    throw new IllegalArgumentException("data '" + names[j] + "' needs " + ((long) ds[j] * items)
                            + " values (" + ds[j] + " per item), got " + data.get(j).length);
                }
            }
            return new ItemMap(this);
        }
    }

    private record Source(int count, int[] index) {
    }

    /**
     * The number of global rows: the item's outputs times the items.
     *
     * @return the rows of {@link #values} and of the Jacobian
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of global inputs: the blocks' sizes added up.
     *
     * @return the length of every {@code x}, the Jacobian's columns
     */
    public int cols() {
        return cols;
    }

    /**
     * The number of stored entries of the Jacobian.
     *
     * @return the non-zeros
     */
    public int nonZeros() {
        return columnIndices.length;
    }

    /**
     * The sweep each item's block is computed by.
     *
     * @return the sweep
     */
    public Sweep sweep() {
        return sweep;
    }

    /**
     * Every item's outputs: the objective.
     *
     * @param x the global inputs, {@link #cols()} values (the blocks in parameter order)
     * @param y receives the {@link #rows()} outputs
     */
    public void values(double[] x, double[] y) {
        check(x, y);
        Scratch s = scratch.get();
        for (int i = 0; i < items; i++) {
            load(s, i, x);
            s.bound.value(s.x, s.y);
            storeOutputs(s, i, y);
        }
    }

    /**
     * The Jacobian with respect to the global inputs, and the outputs.
     *
     * @param x the global inputs, {@link #cols()} values
     * @param y receives the {@link #rows()} outputs
     * @return the rows × cols Jacobian; its row pointers and column indices are the map's,
     *         shared, not copied
     */
    public CsrMatrix jacobian(double[] x, double[] y) {
        double[] v = new double[columnIndices.length];
        jacobian(x, y, v);
        return CsrMatrix.sharing(rows, cols, rowPointers, columnIndices, v);
    }

    /**
     * The Jacobian's values into an array the caller owns, in the order of {@link #structure()}'s
     * column indices: for a loop that should not allocate.
     *
     * @param x the global inputs, {@link #cols()} values
     * @param y receives the {@link #rows()} outputs
     * @param values receives the {@link #nonZeros()} stored entries
     */
    public void jacobian(double[] x, double[] y, double[] values) {
        check(x, y);
        if (values.length != columnIndices.length) {
            throw new IllegalArgumentException("values must have " + columnIndices.length + " elements, got " + values.length);
        }
        Scratch s = scratch.get();
        int m = item.inputCount();
        double[] block = s.block;
        for (int i = 0; i < items; i++) {
            load(s, i, x);
            if (sweep == Sweep.REVERSE) {
                s.boundDerivatives.jacobianReverse(s.x, s.y, block);
            } else {
                s.boundDerivatives.jacobianForward(s.x, s.y, block);
            }
            storeOutputs(s, i, y);
            for (int o = 0; o < storedInputs.length; o++) {
                int p = rowPointers[rowBase[o] + i * rowStride[o]];
                int from = o * m;
                for (int e : storedInputs[o]) {
                    values[p++] = block[from + e];
                }
            }
        }
    }

    /**
     * The pattern: the Jacobian with every stored entry 0, sharing the map's row pointers and
     * column indices.
     *
     * @return the structure
     */
    public CsrMatrix structure() {
        return CsrMatrix.sharing(rows, cols, rowPointers, columnIndices, new double[columnIndices.length]);
    }

    private void check(double[] x, double[] y) {
        if (x.length != cols) {
            throw new IllegalArgumentException("x must have " + cols + " elements (the global inputs), got " + x.length);
        }
        if (y.length != rows) {
            throw new IllegalArgumentException("y must have " + rows + " elements (the global outputs), got " + y.length);
        }
    }

    /**
     * Item i's inputs gathered from the global x into the scratch, its data copied into the bound
     * arrays. The copies are a few elements each: plain loops rather than {@code System.arraycopy}.
     */
    private void load(Scratch s, int i, double[] global) {
        for (int k = 0; k < size.length; k++) {
            int[] ix = index[k];
            int n = size[k];
            int from = column[k] + (ix == null ? i : ix[i]) * n;
            int to = local[k];
            for (int e = 0; e < n; e++) {
                s.x[to + e] = global[from + e];
            }
        }
        for (int j = 0; j < s.d.length; j++) {
            int n = dataSize[j];
            double[] src = data[j];
            double[] dst = s.d[j];
            int from = i * n;
            for (int e = 0; e < n; e++) {
                dst[e] = src[from + e];
            }
        }
    }

    private void storeOutputs(Scratch s, int i, double[] global) {
        for (int o = 0; o < s.y.length; o++) {
            global[rowBase[o] + i * rowStride[o]] = s.y[o];
        }
    }

    /**
     * One thread's working arrays: the item's inputs, outputs, data and Jacobian block, and the
     * functions bound to those data. Static: it must not hold the map (see {@code scratch}).
     */
    private static final class Scratch {
        final double[] x;
        final double[] y;
        final double[] block;
        final double[][] d;
        final DifferentiableFunction bound;
        final DifferentiableFunction boundDerivatives;

        Scratch(DifferentiableFunction item, DifferentiableFunction derivatives, int[] dataSize) {
            x = new double[item.inputCount()];
            y = new double[item.outputCount()];
            block = new double[item.outputCount() * item.inputCount()];
            d = new double[dataSize.length][];
            for (int j = 0; j < d.length; j++) {
                d[j] = new double[dataSize[j]];
            }
            bound = d.length == 0 ? item : item.withData(d);
            boundDerivatives = d.length == 0 ? derivatives : derivatives.withData(d);
        }
    }
}
