// Fortran-ABI signatures of the LAPACK routines Equity calls, as function-pointer types.
// The library is not linked: Equity loads the system's liblapack.so.3 (Debian: liblapack3 or
// OpenBLAS's LAPACK) with dlopen on first use, after setting OPENBLAS_NUM_THREADS, so OpenBLAS
// never starts its thread pool in commands that do no linear algebra (and starts with one thread
// in those that do: Equity parallelises itself).
// All arguments are passed by reference; matrices are column-major.
#ifndef EQUITY_CLINEARALGEBRA_H
#define EQUITY_CLINEARALGEBRA_H

/// Minimum-norm least squares via SVD (divide and conquer); handles rank deficiency.
typedef void (*equity_dgelsd_fn)(const int *m, const int *n, const int *nrhs, double *a, const int *lda,
                                 double *b, const int *ldb, double *s, const double *rcond, int *rank,
                                 double *work, const int *lwork, int *iwork, int *info);

/// Eigenvalues (and optionally vectors) of a symmetric matrix.
typedef void (*equity_dsyev_fn)(const char *jobz, const char *uplo, const int *n, double *a, const int *lda,
                                double *w, double *work, const int *lwork, int *info);

/// Cholesky factorisation, and the inverse of a symmetric positive definite matrix from it.
typedef void (*equity_dpotrf_fn)(const char *uplo, const int *n, double *a, const int *lda, int *info);
typedef void (*equity_dpotri_fn)(const char *uplo, const int *n, double *a, const int *lda, int *info);

#endif
