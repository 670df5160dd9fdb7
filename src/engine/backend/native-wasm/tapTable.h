/*
 * The address of every tap's input pixel for a tile of output positions, shared by the forward
 * convolution and the filter gradient:
 *   table[tap * tile + i] = &x[b][oh*sH - pt + kh][ow*sW - pl + kw][0], or `zeros` outside the image
 * for positions m0 + i (i < cnt), m = (b*outH + oh)*outW + ow. With `dst`, dst[i] also gets the
 * address of the position's output, out + b*oImg + oh*oRow + ow*oCol.
 * Position m0's coordinates are taken once and then stepped (a division per position cost as much
 * as the arithmetic of a one-channel layer), and interior positions step their taps by a row and a
 * pixel with no bounds test.
 */
struct TapGeometry {
  int inH, inW, inC, outH, outW, kH, kW, sH, sW, pt, pl;
};

static inline void tap_table(const float* x, struct TapGeometry g, int m0, int cnt, int tile, int* table, const float* zeros,
                             int* dst, float* out, int oImg, int oRow, int oCol) {
  int ow = m0 % g.outW, t = m0 / g.outW, oh = t % g.outH, b = t / g.outH;
  for (int i = 0; i < cnt; i++) {
    if (dst) dst[i] = (int)(out + b * oImg + oh * oRow + ow * oCol);
    const float* image = x + b * g.inH * g.inW * g.inC;
    int ih0 = oh * g.sH - g.pt, iw0 = ow * g.sW - g.pl;
    if (ih0 >= 0 && ih0 + g.kH <= g.inH && iw0 >= 0 && iw0 + g.kW <= g.inW) {
      const float* row = image + (ih0 * g.inW + iw0) * g.inC;
      int* o = table + i;
      for (int kh = 0; kh < g.kH; kh++, row += g.inW * g.inC)
        for (int kw = 0; kw < g.kW; kw++, o += tile) *o = (int)(row + kw * g.inC);
    } else {
      for (int kh = 0; kh < g.kH; kh++) {
        int ih = ih0 + kh;
        int rowInside = ih >= 0 && ih < g.inH;
        for (int kw = 0; kw < g.kW; kw++) {
          int iw = iw0 + kw;
          table[(kh * g.kW + kw) * tile + i] = (rowInside && iw >= 0 && iw < g.inW) ? (int)(image + (ih * g.inW + iw) * g.inC) : (int)zeros;
        }
      }
    }
    if (++ow == g.outW) {
      ow = 0;
      if (++oh == g.outH) {
        oh = 0;
        b++;
      }
    }
  }
}
