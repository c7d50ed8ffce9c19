/**
 * Sparse matrices that users hand on: {@link dev.fluxion.runtime.sparse.CsrMatrix}, the
 * compressed-sparse-rows form in which the compiler returns sparse Jacobians and Hessians
 * (row pointers, column indices, values), the layout that CSparse, SciPy's {@code csr_matrix},
 * Eigen's row-major {@code SparseMatrix} and ADBench's BA Jacobian use; and
 * {@link dev.fluxion.runtime.sparse.ItemMap}, one generated function applied to many
 * independent items with the whole Jacobian assembled from each item's dense block. Depends on
 * the runtime's {@code DifferentiableFunction} only.
 */
package dev.fluxion.runtime.sparse;
