using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SessionRec.Tensors;

/// <summary>
/// Register-blocked SGEMM: C (+)= A·B for arbitrary element strides of A and B, so A·B, A·Bᵀ, Aᵀ·B and Aᵀ·Bᵀ share one
/// code path. The micro-kernel keeps 16 zmm accumulators for an 8 × 32 tile (Vector512) or 12 ymm for 6 × 16 (Vector256)
/// and streams B panels 32 (16) wide in K blocks of 128: packed, or read in place when B is row-major and narrow.
/// A is read in place (for K = 64 shapes packing costs more than it saves) unless it is a wide transposed matrix,
/// which is either packed or, when C is narrow, handled by computing Cᵀ = Bᵀ·Aᵀ.
/// Each C element is summed by one thread in ascending K order, so row and column splits give the same bits for any
/// thread count; only the K split (weight gradients) adds per-thread partial sums, in thread order.
/// </summary>
internal static unsafe class MatMulKernels
{
    /// <summary>Rows per micro-tile: 8 with Vector512 (16 of the 32 zmm registers accumulate), 6 with Vector256 (12 of 16 ymm).</summary>
    internal const int MR512 = 8, MR256 = 6;

    /// <summary>Row-split granularity, a multiple of both tile heights so partitions never cut a tile.</summary>
    private const int RowGrain = 24;

    // 128 keeps a B panel (128 × 32 floats) plus the A lines a tile touches inside L1 when either is read in place.
    internal const int KC = 128;
    internal const int NC = 512;
    internal const int MC = 192;

    [ThreadStatic]
    private static float[]? packBArray;

    [ThreadStatic]
    private static float[]? packAArray;

    /// <summary>Tests set this to exercise the Vector256 path on AVX-512 machines.</summary>
    internal static bool ForceVector256 { get; set; }

    internal static bool UseVector512 => Vector512.IsHardwareAccelerated && !ForceVector256;

    /// <summary>
    /// C[i, j] (+)= Σ_p A(i, p) · B(p, j) where A(i, p) = a[i·aRow + p·aCol] and B(p, j) = b[p·bRow + j·bCol].
    /// </summary>
    public static void Run(int m, int n, int k, float* a, long aRow, long aCol, float* b, long bRow, long bCol,
        float* c, int ldc, bool accumulate)
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        // A wide transposed A (weight gradient of a big table, Gᵀ·H) must be gathered with a long stride per K step;
        // its transpose is a plain row-major B that packs with contiguous reads. Compute Cᵀ = Bᵀ·Aᵀ instead.
        if (aRow == 1 && aCol > 512 && n <= 256 && (long)m * n * k >= 4_000_000)
        {
            ViaTranspose(m, n, k, a, aCol, b, bRow, bCol, c, ldc, accumulate);
            return;
        }

        int threads = TensorEngine.ThreadCount;
        long flops = 2L * m * n * k;
        if (threads == 1 || flops < 4_000_000)
        {
            Serial(m, n, k, a, aRow, aCol, b, bRow, bCol, c, ldc, accumulate);
            return;
        }

        int rowTiles = (m + MR256 - 1) / MR256;

        // Each thread packs the B it uses: split rows when B is read in place (or small), columns when B is packed
        // and wide, so that no thread packs another's half.
        bool packsB = !ReadsBInPlace(bRow, bCol);
        nint pa = (nint)a, pb = (nint)b, pc = (nint)c;
        if (k >= 512 && k >= 4 * Math.Max(m, n) && (long)m * n <= 1 << 16)
        {
            SplitK(m, n, k, a, aRow, aCol, b, bRow, bCol, c, ldc, accumulate);
        }
        else if ((rowTiles >= 2 * threads && !(packsB && n >= m)) || n < 64 * threads)
        {
            FixedPartition.For(m, RowGrain, RowGrain, (_, r0, r1) => Serial(r1 - r0, n, k, (float*)pa + r0 * aRow, aRow, aCol,
                (float*)pb, bRow, bCol, (float*)pc + (long)r0 * ldc, ldc, accumulate));
        }
        else
        {
            FixedPartition.For(n, 32, 32, (_, c0, c1) => Serial(m, c1 - c0, k, (float*)pa, aRow, aCol,
                (float*)pb + c0 * bCol, bRow, bCol, (float*)pc + c0, ldc, accumulate));
        }
    }

    private static bool ReadsBInPlace(long bRow, long bCol) => bCol == 1 && bRow <= 512;

    /// <summary>C (+)= A·B for A(i, p) = a[i + p·lda], computed as Cᵀ = Bᵀ·Aᵀ into scratch and transposed back.</summary>
    private static void ViaTranspose(int m, int n, int k, float* a, long lda, float* b, long bRow, long bCol,
        float* c, int ldc, bool accumulate)
    {
        var scratch = ArrayPool<float>.Shared.Rent(m * n);
        try
        {
            fixed (float* t = scratch)
            {
                // Cᵀ(j, i) = Σ_p B(p, j)·A(i, p): A′(j, p) = b[j·bCol + p·bRow], B′(p, i) = a[p·lda + i].
                Run(n, m, k, b, bCol, bRow, a, lda, 1, t, m, accumulate: false);
                TransposeInto(t, n, m, 1f, c, ldc, accumulate);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// dst[j·ldd + i] (+)= scale · src[i·cols + j] for a row-major rows × cols source, 64 destination rows at a time so
    /// the source lines read for them stay in cache across the block; split over destination rows.
    /// </summary>
    internal static void TransposeInto(float* src, int rows, int cols, float scale, float* dst, long ldd, bool accumulate)
    {
        nint ps = (nint)src, pd = (nint)dst;
        FixedPartition.For(cols, 64, 4096, (_, j0, j1) =>
        {
            for (int jb = j0; jb < j1; jb += 64)
            {
                int je = Math.Min(j1, jb + 64);
                for (int i = 0; i < rows; i++)
                {
                    float* row = (float*)ps + ((long)i * cols);
                    for (int j = jb; j < je; j++)
                    {
                        float* d = (float*)pd + (j * ldd) + i;
                        *d = accumulate ? *d + (scale * row[j]) : scale * row[j];
                    }
                }
            }
        });
    }

    private static void SplitK(int m, int n, int k, float* a, long aRow, long aCol, float* b, long bRow, long bCol,
        float* c, int ldc, bool accumulate)
    {
        int parts = FixedPartition.PartCount(k, 64, 256);
        int size = m * n;
        var partials = ArrayPool<float>.Shared.Rent(parts * size);
        try
        {
            // Parts left without a K range (small K) must read as zero.
            Array.Clear(partials, 0, parts * size);
            fixed (float* pp = partials)
            {
                nint pa = (nint)a, pb = (nint)b, ppart = (nint)pp;
                FixedPartition.For(k, 64, 256, (part, k0, k1) => Serial(m, n, k1 - k0, (float*)pa + k0 * aCol, aRow,
                    aCol, (float*)pb + k0 * bRow, bRow, bCol, (float*)ppart + (long)part * size, n, accumulate: false));

                for (int i = 0; i < m; i++)
                {
                    var row = new Span<float>(c + (long)i * ldc, n);
                    if (!accumulate)
                    {
                        row.Clear();
                    }

                    for (int part = 0; part < parts; part++)
                    {
                        var src = new ReadOnlySpan<float>(pp + (long)part * size + (long)i * n, n);
                        System.Numerics.Tensors.TensorPrimitives.Add(row, src, row);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(partials);
        }
    }

    /// <summary>Single-threaded blocked GEMM.</summary>
    internal static void Serial(int m, int n, int k, float* a, long aRow, long aCol, float* b, long bRow, long bCol,
        float* c, int ldc, bool accumulate)
    {
        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    new Span<float>(c + (long)i * ldc, n).Clear();
                }
            }

            return;
        }

        bool v512 = UseVector512;

        // Transposed A jumps a whole source row per K step, defeating the prefetchers; packing it reads rows
        // contiguously. Plain A is read in place: the 6 row streams prefetch well and packing would cost more.
        bool packA = aCol > 512;

        // Narrow row-major B (N ≤ 512: the d × d and d × items-panel shapes) is read in place with its row stride; only
        // a ragged last panel is packed, to pad it with zeros.
        bool directB = ReadsBInPlace(bRow, bCol);
        var packB = PackBuffer(ref packBArray, KC * NC);
        var packAArr = packA ? PackBuffer(ref packAArray, PanelStride(KC, MR512) * (MC / MR256)) : packB;

        // GotoBLAS order (K blocks outside row blocks) exists to pack each B block once. When B is read in place, or
        // fits one K block, row blocks go outside instead: a C block then stays in L1/L2 across all K blocks rather
        // than being re-read from L3 once per K block (the weight gradients with K in the thousands).
        bool rowsOuter = directB || k <= KC;
        fixed (float* packBBase = packB, packABase = packAArr)
        {
            var g = new BlockGeometry(a, aRow, aCol, b, bRow, bCol, c, ldc, Align64(packBBase), Align64(packABase),
                v512 ? 32 : 16, v512 ? MR512 : MR256, v512, packA, directB, rowsOuter, k);
            for (int jc = 0; jc < n; jc += NC)
            {
                int nc = Math.Min(NC, n - jc);
                if (rowsOuter)
                {
                    if (!directB)
                    {
                        PackB(k, nc, g.Nr, b + jc * bCol, bRow, bCol, g.BBuf);
                    }

                    for (int ic = 0; ic < m; ic += MC)
                    {
                        for (int pc = 0; pc < k; pc += KC)
                        {
                            Block(g, ic, Math.Min(MC, m - ic), pc, Math.Min(KC, k - pc), jc, nc, accumulate || pc > 0);
                        }
                    }
                }
                else
                {
                    for (int pc = 0; pc < k; pc += KC)
                    {
                        int kc = Math.Min(KC, k - pc);
                        PackB(kc, nc, g.Nr, b + pc * bRow + jc * bCol, bRow, bCol, g.BBuf);
                        for (int ic = 0; ic < m; ic += MC)
                        {
                            Block(g, ic, Math.Min(MC, m - ic), pc, kc, jc, nc, accumulate || pc > 0);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Multiplies rows [ic, ic + mc) by K range [pc, pc + kc) into columns [jc, jc + nc) of C.</summary>
    private static void Block(in BlockGeometry g, int ic, int mc, int pc, int kc, int jc, int nc, bool acc)
    {
        int nr = g.Nr, tileRows = g.Mr;
        int fullCols = nc / nr * nr;
        if (g.DirectB && fullCols < nc)
        {
            PackB(kc, nc - fullCols, nr, g.B + pc * g.BRow + (jc + fullCols) * g.BCol, g.BRow, g.BCol, g.BBuf);
        }

        if (g.PackA)
        {
            // Next pack: the following K block of these rows (rows-outer order) or the following rows.
            long next = g.RowsOuter ? KC * g.ACol : mc * g.ARow;
            PackA(mc, kc, tileRows, g.A + ic * g.ARow + pc * g.ACol, g.ARow, g.ACol, g.ABuf, next);
        }

        // Loop order. A tile read in place from a transposed A touches one cache line per K step (kc lines), so it
        // cannot stay in L1: keep the B panel there instead and stream the tiles past it (panels outside). Otherwise
        // the A tile stays in L1 and panels stream from L2 (tiles outside), which also writes C in long row runs
        // rather than scattering 128-byte pieces over mc rows (and pages) per panel.
        bool panelsOuter = !g.PackA && g.ACol != 1;
        int tileCount = (mc + tileRows - 1) / tileRows, panelCount = (nc + nr - 1) / nr;
        int outerCount = panelsOuter ? panelCount : tileCount, innerCount = panelsOuter ? tileCount : panelCount;
        for (int outer = 0; outer < outerCount; outer++)
        {
            for (int inner = 0; inner < innerCount; inner++)
            {
                int ir = (panelsOuter ? inner : outer) * tileRows;
                int jr = (panelsOuter ? outer : inner) * nr;
                int mr = Math.Min(tileRows, mc - ir);
                int ncols = Math.Min(nr, nc - jr);
                float* aTile = g.PackA ? g.ABuf + (long)(ir / tileRows) * PanelStride(kc, tileRows) : g.A + (ic + ir) * g.ARow + pc * g.ACol;
                long tRow = g.PackA ? 1 : g.ARow, tCol = g.PackA ? tileRows : g.ACol;
                float* cTile = g.C + (long)(ic + ir) * g.Ldc + jc + jr;
                if (jr == 0 && !g.PackA && g.ACol == 1 && g.K > KC)
                {
                    PrefetchRows(aTile + tileRows * g.ARow, g.ARow, tileRows, kc);
                }

                float* panel;
                long bStride;
                if (!g.DirectB)
                {
                    // Rows-outer packs all of K at once; the block's slice starts pc rows into each panel.
                    long panelK = g.RowsOuter ? g.K : kc;
                    panel = g.BBuf + (long)(jr / nr) * panelK * nr + (g.RowsOuter ? (long)pc * nr : 0);
                    bStride = nr;
                }
                else if (jr < fullCols)
                {
                    panel = g.B + pc * g.BRow + jc + jr;
                    bStride = g.BRow;
                }
                else
                {
                    panel = g.BBuf;
                    bStride = nr;
                }

                if (g.V512)
                {
                    Tile512(kc, aTile, tRow, tCol, mr, panel, bStride, cTile, g.Ldc, ncols, acc);
                }
                else
                {
                    Tile256(kc, aTile, tRow, tCol, mr, panel, bStride, cTile, g.Ldc, ncols, acc);
                }
            }
        }
    }

    /// <summary>Operands and choices shared by every block of one serial GEMM.</summary>
    private readonly struct BlockGeometry
    {
        public readonly float* A;
        public readonly long ARow;
        public readonly long ACol;
        public readonly float* B;
        public readonly long BRow;
        public readonly long BCol;
        public readonly float* C;
        public readonly int Ldc;
        public readonly float* BBuf;
        public readonly float* ABuf;
        public readonly int Nr;
        public readonly int Mr;
        public readonly bool V512;
        public readonly bool PackA;
        public readonly bool DirectB;
        public readonly bool RowsOuter;
        public readonly int K;

        public BlockGeometry(float* a, long aRow, long aCol, float* b, long bRow, long bCol, float* c, int ldc, float* bBuf, float* aBuf, int nr, int mr, bool v512, bool packA, bool directB, bool rowsOuter, int k)
        {
            A = a;
            ARow = aRow;
            ACol = aCol;
            B = b;
            BRow = bRow;
            BCol = bCol;
            C = c;
            Ldc = ldc;
            BBuf = bBuf;
            ABuf = aBuf;
            Nr = nr;
            Mr = mr;
            V512 = v512;
            PackA = packA;
            DirectB = directB;
            RowsOuter = rowsOuter;
            K = k;
        }
    }

    /// <summary>Floats between consecutive packed A panels: kc·mr plus room for the packing loads' overhang.</summary>
    private static int PanelStride(int kc, int mr) => kc * mr + 8;

    /// <summary>
    /// Hints the next tile's A rows into L2 while this tile computes: with long rows (K in the thousands) each tile
    /// starts six fresh DRAM streams that the hardware prefetchers pick up too late.
    /// </summary>
    private static void PrefetchRows(float* next, long aRow, int rows, int kc)
    {
        if (!System.Runtime.Intrinsics.X86.Sse.IsSupported)
        {
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            float* row = next + r * aRow;
            for (int p = 0; p < kc; p += 16)
            {
                System.Runtime.Intrinsics.X86.Sse.Prefetch1(row + p);
            }
        }
    }

    private static float* Align64(float* p) => (float*)(((nint)p + 63) & ~(nint)63);

    private static float[] PackBuffer(ref float[]? cache, int floats) => cache ??= GC.AllocateArray<float>(floats + 16, pinned: true);

    /// <summary>Copies an mc × kc block of A into mr-row panels, each kc × mr contiguous (K-major).</summary>
    private static void PackA(int mc, int kc, int mr, float* a, long aRow, long aCol, float* dst, long nextOffset)
    {
        if (aRow == 1)
        {
            // Each panel row is mr (6 or 8) contiguous source floats: move them with one 8-wide load/store; with 6, the
            // 2 extra floats land in the next K slot (rewritten next) or in the panel's padding.
            int vectorPanels = mc >= 8 ? (mc - 8) / mr + 1 : 0;
            bool prefetch = System.Runtime.Intrinsics.X86.Sse.IsSupported;
            for (int p = 0; p < kc; p++)
            {
                float* src = a + p * aCol;

                // Hint the next block's source into L2 so it arrives while this one is multiplied.
                for (int l = 0; l < (prefetch ? mc : 0); l += 16)
                {
                    System.Runtime.Intrinsics.X86.Sse.Prefetch1(src + nextOffset + l);
                }

                for (int panel = 0; panel < vectorPanels; panel++)
                {
                    Vector256.Store(Vector256.Load(src + panel * mr), dst + (long)panel * PanelStride(kc, mr) + p * mr);
                }

                for (int ir = vectorPanels * mr; ir < mc; ir += mr)
                {
                    float* d = dst + (long)(ir / mr) * PanelStride(kc, mr) + p * mr;
                    int rows = Math.Min(mr, mc - ir);
                    for (int r = 0; r < rows; r++)
                    {
                        d[r] = src[ir + r];
                    }
                }
            }

            return;
        }

        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            float* d = dst + (long)(ir / mr) * PanelStride(kc, mr);
            for (int r = 0; r < rows; r++)
            {
                float* src = a + (ir + r) * aRow;
                for (int p = 0; p < kc; p++)
                {
                    d[p * mr + r] = src[p * aCol];
                }
            }
        }
    }

    /// <summary>Copies a kc × nc block of B into nr-wide panels, each kc × nr contiguous, zero-padding the last one.</summary>
    private static void PackB(int kc, int nc, int nr, float* b, long bRow, long bCol, float* dst)
    {
        if (bCol == 1)
        {
            // Row by row, so each source row is read as one contiguous run (a panel-at-a-time walk would touch kc rows,
            // and as many pages, for every 32 floats).
            int full = nc / nr;
            long panelSize = (long)kc * nr;
            bool prefetch = bRow > 512 && System.Runtime.Intrinsics.X86.Sse.IsSupported;
            for (int p = 0; p < kc; p++)
            {
                float* src = b + p * bRow;
                float* d = dst + p * nr;
                if (prefetch)
                {
                    // The next K block reads the same columns KC rows further on: request it while this one computes.
                    for (int l = 0; l < nc; l += 16)
                    {
                        System.Runtime.Intrinsics.X86.Sse.Prefetch1(src + KC * bRow + l);
                    }
                }

                for (int panel = 0; panel < full; panel++)
                {
                    float* s = src + panel * nr;
                    float* t = d + panel * panelSize;
                    for (int q = 0; q < nr; q += 8)
                    {
                        Vector256.Store(Vector256.Load(s + q), t + q);
                    }
                }

                if (full * nr < nc)
                {
                    float* s = src + full * nr;
                    float* t = d + full * panelSize;
                    int cols = nc - full * nr;
                    for (int q = 0; q < nr; q++)
                    {
                        t[q] = q < cols ? s[q] : 0f;
                    }
                }
            }

            return;
        }

        for (int jr = 0; jr < nc; jr += nr)
        {
            int cols = Math.Min(nr, nc - jr);
            float* panel = dst + (long)(jr / nr) * kc * nr;
            float* src = b + jr * bCol;

            // Transposed B: walk each source column contiguously, write strided.
            for (int j = 0; j < cols; j++)
            {
                float* s = src + j * bCol;
                float* d = panel + j;
                for (int p = 0; p < kc; p++)
                {
                    d[p * nr] = s[p * bRow];
                }
            }

            if (cols < nr)
            {
                for (int p = 0; p < kc; p++)
                {
                    new Span<float>(panel + p * nr + cols, nr - cols).Clear();
                }
            }
        }
    }

    private static void Tile512(int kc, float* a, long aRow, long aCol, int mr, float* panel, long bStride, float* c, int ldc, int ncols, bool acc)
    {
        if (mr < MR512)
        {
            // Ragged tile: copy its rows into a zero-padded 8-row panel so the kernel keeps one uniform row stride.
            float* padded = stackalloc float[kc * MR512];
            for (int p = 0; p < kc; p++)
            {
                for (int r = 0; r < MR512; r++)
                {
                    padded[p * MR512 + r] = r < mr ? a[r * aRow + p * aCol] : 0f;
                }
            }

            a = padded;
            aRow = 1;
            aCol = MR512;
        }

        if (mr == MR512 && ncols == 32)
        {
            Kernel512(kc, a, aRow, aCol, panel, bStride, c, ldc, acc);
            return;
        }

        float* tmp = stackalloc float[MR512 * 32];
        Kernel512(kc, a, aRow, aCol, panel, bStride, tmp, 32, acc: false);
        StoreEdge(tmp, 32, mr, ncols, c, ldc, acc);
    }

    private static void Tile256(int kc, float* a, long aRow, long aCol, int mr, float* panel, long bStride, float* c, int ldc, int ncols, bool acc)
    {
        if (mr == MR256 && ncols == 16)
        {
            Kernel256(kc, a, aRow, aCol, mr, panel, bStride, c, ldc, acc);
            return;
        }

        float* tmp = stackalloc float[MR256 * 16];
        Kernel256(kc, a, aRow, aCol, mr, panel, bStride, tmp, 16, acc: false);
        StoreEdge(tmp, 16, mr, ncols, c, ldc, acc);
    }

    private static void StoreEdge(float* tmp, int ldt, int mr, int ncols, float* c, int ldc, bool acc)
    {
        for (int i = 0; i < mr; i++)
        {
            for (int j = 0; j < ncols; j++)
            {
                float v = tmp[i * ldt + j];
                c[(long)i * ldc + j] = acc ? c[(long)i * ldc + j] + v : v;
            }
        }
    }

    /// <summary>
    /// 8 × 32 tile: 16 zmm accumulators. Rows are addressed from two base pointers (rows 0–3 and 4–7) with shared
    /// offsets of 1, 2 and 3 row strides, so the loop needs few general registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Kernel512(int kc, float* a, long aRow, long aCol, float* bp, long bStride, float* c, int ldc, bool acc)
    {
        long s1 = aRow, s2 = 2 * aRow, s3 = 3 * aRow;
        float* a0 = a;
        float* a4 = a + 4 * aRow;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector512.Load(bp);
            var b1 = Vector512.Load(bp + 16);
            var x = Vector512.Create(a0[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a0[s1]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a0[s2]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a0[s3]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a4[0]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a4[s1]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a4[s2]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60);
            c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a4[s3]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70);
            c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            a0 += aCol;
            a4 += aCol;
            bp += bStride;
        }

        Store512(c, c00, c01, acc);
        Store512(c + ldc, c10, c11, acc);
        Store512(c + 2 * ldc, c20, c21, acc);
        Store512(c + 3 * ldc, c30, c31, acc);
        Store512(c + 4 * ldc, c40, c41, acc);
        Store512(c + 5 * ldc, c50, c51, acc);
        Store512(c + 6 * ldc, c60, c61, acc);
        Store512(c + 7 * ldc, c70, c71, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, Vector512<float> v0, Vector512<float> v1, bool acc)
    {
        if (acc)
        {
            v0 += Vector512.Load(c);
            v1 += Vector512.Load(c + 16);
        }

        v0.Store(c);
        v1.Store(c + 16);
    }

    /// <summary>6 × 16 tile for machines without AVX-512: 12 ymm accumulators; rows past <paramref name="mr"/> re-read row 0 and are discarded.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Kernel256(int kc, float* a, long aRow, long aCol, int mr, float* bp, long bStride, float* c, int ldc, bool acc)
    {
        long r1 = mr > 1 ? aRow : 0, r2 = mr > 2 ? 2 * aRow : 0, r3 = mr > 3 ? 3 * aRow : 0;
        long r4 = mr > 4 ? 4 * aRow : 0, r5 = mr > 5 ? 5 * aRow : 0;
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        float* ap = a;
        for (int p = 0; p < kc; p++)
        {
            var b0 = Vector256.Load(bp);
            var b1 = Vector256.Load(bp + 8);
            var x = Vector256.Create(ap[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(ap[r1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(ap[r2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(ap[r3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(ap[r4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(ap[r5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            ap += aCol;
            bp += bStride;
        }

        Store256(c, c00, c01, acc);
        Store256(c + ldc, c10, c11, acc);
        Store256(c + 2 * ldc, c20, c21, acc);
        Store256(c + 3 * ldc, c30, c31, acc);
        Store256(c + 4 * ldc, c40, c41, acc);
        Store256(c + 5 * ldc, c50, c51, acc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* c, Vector256<float> v0, Vector256<float> v1, bool acc)
    {
        if (acc)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + 8);
        }

        v0.Store(c);
        v1.Store(c + 8);
    }
}
