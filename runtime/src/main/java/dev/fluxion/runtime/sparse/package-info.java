/**
 * Sparse matrices that users hand on: {@link dev.fluxion.runtime.sparse.CsrMatrix}, the
 * compressed-sparse-rows form in which the compiler returns sparse Jacobians and Hessians
 * (row pointers, column indices, values), the layout that CSparse, SciPy's {@code csr_matrix},
 * Eigen's row-major {@code SparseMatrix} and ADBench's BA Jacobian use. Depends on nothing.
 */
package dev.fluxion.runtime.sparse;
