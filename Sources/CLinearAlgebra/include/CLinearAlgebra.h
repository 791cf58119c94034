// Fortran-ABI prototypes for the LAPACK and BLAS routines Equity calls.
// Provided by Debian's liblapack-dev / libopenblas-dev (no lapacke or cblas headers needed).
// All arguments are passed by reference, matrices are column-major.
#ifndef EQUITY_CLINEARALGEBRA_H
#define EQUITY_CLINEARALGEBRA_H

/// Least squares via QR: minimise ||B - A X|| (A is m x n, full rank).
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs,
            double *a, const int *lda, double *b, const int *ldb,
            double *work, const int *lwork, int *info);

/// Minimum-norm least squares via SVD (divide and conquer); handles rank deficiency.
void dgelsd_(const int *m, const int *n, const int *nrhs, double *a, const int *lda,
             double *b, const int *ldb, double *s, const double *rcond, int *rank,
             double *work, const int *lwork, int *iwork, int *info);

/// Eigenvalues (and optionally vectors) of a symmetric matrix.
void dsyev_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
            double *w, double *work, const int *lwork, int *info);

/// Inverse of a symmetric positive definite matrix from its Cholesky factor.
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info);
void dpotri_(const char *uplo, const int *n, double *a, const int *lda, int *info);

/// y := alpha*op(A)*x + beta*y
void dgemv_(const char *trans, const int *m, const int *n, const double *alpha,
            const double *a, const int *lda, const double *x, const int *incx,
            const double *beta, double *y, const int *incy);

/// OpenBLAS thread control (Equity parallelises itself where work is large).
void openblas_set_num_threads(int num_threads);

#endif
