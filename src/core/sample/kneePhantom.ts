/**
 * A synthetic knee, good enough to look at: femur and tibia (cortex and marrow), cartilage,
 * joint fluid, two menisci and the ACL, inside soft tissue. Coordinates are normalised:
 * u left-right, v superior (-1) to inferior (+1), w anterior (-1) to posterior (+1).
 * An ACL tear breaks the band and surrounds the gap with oedema; a meniscus tear draws a
 * bright cleft through the posterior horn of the medial meniscus.
 */
type Tissue = 'air' | 'soft' | 'fat' | 'cortex' | 'marrow' | 'cartilage' | 'fluid' | 'meniscus' | 'ligament' | 'oedema';

export interface Pathology {
  aclTear: boolean;
  meniscusTear: boolean;
}

/** The three MRNet series and the tissue brightness of each sequence. */
export type Plane = 'axial' | 'coronal' | 'sagittal';
const SEQUENCES: Record<Plane, Record<Tissue, number>> = {
  // coronal T1: fat and marrow bright, fluid dark
  coronal: {
    air: 4,
    soft: 95,
    fat: 185,
    cortex: 18,
    marrow: 200,
    cartilage: 105,
    fluid: 55,
    meniscus: 22,
    ligament: 40,
    oedema: 70,
  },
  // sagittal PD / T2 fat-sat: fluid and oedema bright, marrow dark
  sagittal: {
    air: 4,
    soft: 85,
    fat: 60,
    cortex: 15,
    marrow: 70,
    cartilage: 150,
    fluid: 225,
    meniscus: 20,
    ligament: 32,
    oedema: 215,
  },
  // axial PD fat-sat
  axial: {
    air: 4,
    soft: 90,
    fat: 55,
    cortex: 15,
    marrow: 75,
    cartilage: 145,
    fluid: 220,
    meniscus: 22,
    ligament: 35,
    oedema: 210,
  },
};

const JOINT = 0.02; // the joint line, in v

function ellipsoid(
  u: number,
  v: number,
  w: number,
  cu: number,
  cv: number,
  cw: number,
  ru: number,
  rv: number,
  rw: number,
): number {
  const a = (u - cu) / ru;
  const b = (v - cv) / rv;
  const c = (w - cw) / rw;
  return a * a + b * b + c * c;
}

/** Inside-ness of the femur: below 1 inside, the cortex is the rim just below 1. */
function femur(u: number, v: number, w: number): number {
  if (v > JOINT) return 9;
  const shaft = v < -0.25 ? (u / 0.3) ** 2 + (w / 0.3) ** 2 : 9;
  const metaphysis = ellipsoid(u, v, w, 0, -0.28, 0.03, 0.47, 0.22, 0.36);
  const medial = ellipsoid(u, v, w, -0.24, -0.12, 0.06, 0.22, 0.14, 0.34);
  const lateral = ellipsoid(u, v, w, 0.24, -0.12, 0.06, 0.22, 0.14, 0.34);
  return Math.min(shaft, metaphysis, medial, lateral);
}

function tibia(u: number, v: number, w: number): number {
  if (v < JOINT + 0.05) return 9;
  const plateau = v < 0.32 ? ((u / 0.48) ** 2 + (w / 0.38) ** 2) * (1 + Math.max(0, 0.12 - (v - JOINT - 0.05)) * 6) : 9;
  const shaft = (u / 0.28) ** 2 + ((w + 0.02) / 0.28) ** 2;
  const flare = ellipsoid(u, v, w, 0, 0.3, 0, 0.48, 0.22, 0.38);
  return Math.min(plateau, shaft, flare);
}

/** Distance of point p from the segment a-b (all in u, v, w). */
function segmentDistance(p: number[], a: number[], b: number[]): { d: number; t: number } {
  const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
  const t = Math.max(
    0,
    Math.min(1, (ap[0] * ab[0] + ap[1] * ab[1] + ap[2] * ab[2]) / (ab[0] ** 2 + ab[1] ** 2 + ab[2] ** 2)),
  );
  const d = Math.hypot(ap[0] - t * ab[0], ap[1] - t * ab[1], ap[2] - t * ab[2]);
  return { d, t };
}

const ACL_FROM = [0.07, -0.1, 0.2]; // femoral notch, posterior-lateral
const ACL_TO = [-0.02, JOINT + 0.06, -0.12]; // tibial spine, anterior

/**
 * Whether a point lies in a lesion: the oedema around a torn ACL, or the torn part of the
 * medial meniscus. What a classifier's class activation map should light up.
 */
function lesionAt(u: number, v: number, w: number, pathology: Pathology): boolean {
  if (pathology.aclTear) {
    const acl = segmentDistance([u, v, w], ACL_FROM, ACL_TO);
    if (acl.d < 0.08 && acl.t > 0.2 && acl.t < 0.85) return true;
  }
  if (pathology.meniscusTear && u < 0 && w > 0.05 && Math.abs(v - (JOINT + 0.02)) < 0.06) {
    const r = Math.sqrt((u / 0.46) ** 2 + (w / 0.36) ** 2);
    return r > 0.68 && r < 1;
  }
  return false;
}

/** The tissue at a point of the knee. */
function tissueAt(u: number, v: number, w: number, pathology: Pathology): Tissue {
  const leg = (u / 0.82) ** 2 + ((w - 0.02) / 0.72) ** 2;
  if (leg > 1) return 'air';

  const acl = segmentDistance([u, v, w], ACL_FROM, ACL_TO);
  if (acl.d < 0.045) {
    if (!pathology.aclTear) return 'ligament';
    if (acl.t > 0.35 && acl.t < 0.7) return 'oedema';
    return acl.d < 0.03 + 0.02 * Math.sin(acl.t * 40) ? 'ligament' : 'oedema';
  }
  if (pathology.aclTear && acl.d < 0.08 && acl.t > 0.2 && acl.t < 0.85) return 'oedema';

  const f = femur(u, v, w);
  const t = tibia(u, v, w);
  const bone = Math.min(f, t);
  if (bone < 0.8) return 'marrow';
  if (bone < 1) return 'cortex';

  // Menisci: C-shaped wedges in the joint space at the rim of the tibial plateau.
  if (v > JOINT - 0.03 && v < JOINT + 0.07) {
    const r = Math.sqrt((u / 0.46) ** 2 + (w / 0.36) ** 2);
    const height = (0.05 * (r - 0.68)) / 0.3; // the wedge is thick at the rim, thin inside
    if (r > 0.68 && r < 1 && Math.abs(v - (JOINT + 0.02)) < height && Math.abs(u) > 0.06) {
      const tear =
        pathology.meniscusTear && u < 0 && w > 0.05 && Math.abs(v - (JOINT + 0.02) - (r - 0.84) * 0.4) < 0.008;
      return tear ? 'fluid' : 'meniscus';
    }
  }
  if (bone < 1.18 && Math.abs(v - JOINT) < 0.2) return 'cartilage';
  if (bone < 1.3 && Math.abs(v - JOINT) < 0.12) return 'fluid';
  if (leg > 0.8) return 'fat';
  return 'soft';
}

/** Where each series' slices and image axes lie in the knee's coordinates. */
const GEOMETRY: Record<Plane, { through: number; rows: number; cols: number; span: number }> = {
  sagittal: { through: 0, rows: 1, cols: 2, span: 0.7 }, // slices left-right; rows v, columns w
  coronal: { through: 2, rows: 1, cols: 0, span: 0.6 }, // slices front-back; rows v, columns u
  axial: { through: 1, rows: 2, cols: 0, span: 0.55 }, // slices top-bottom; rows w, columns u
};

/** The knee's coordinates (u, v, w) of image point (x, y), in 0..1, of a series' slice at t. */
function pointOf(plane: Plane, t: number, x: number, y: number): [number, number, number] {
  const { through, rows, cols, span } = GEOMETRY[plane];
  const p: [number, number, number] = [0, 0, 0];
  p[through] = (t * 2 - 1) * span;
  p[rows] = y * 2 - 1;
  p[cols] = x * 2 - 1;
  return p;
}

/** One 256 x 256 image of a series at position t (0..1 across the knee), without noise. */
export function renderSlice(plane: Plane, t: number, pathology: Pathology, size = 256): Uint8Array {
  const brightness = SEQUENCES[plane];
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++)
      out[y * size + x] = brightness[tissueAt(...pointOf(plane, t, (x + 0.5) / size, (y + 0.5) / size), pathology)];
  }
  return out;
}

/** Segmentation labels: 0 background, 1 bone, 2 cartilage, 3 meniscus, 4 lesion. */
export function labelSlice(plane: Plane, t: number, pathology: Pathology, size = 256): Uint8Array {
  const out = new Uint8Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p = pointOf(plane, t, (x + 0.5) / size, (y + 0.5) / size);
      const tissue = tissueAt(...p, pathology);
      out[y * size + x] = lesionAt(...p, pathology)
        ? 4
        : tissue === 'marrow' || tissue === 'cortex'
          ? 1
          : tissue === 'cartilage'
            ? 2
            : tissue === 'meniscus'
              ? 3
              : 0;
    }
  }
  return out;
}

/**
 * A class-activation-like map of a slice: `cells` x `cells` values in 0..1, each the share of
 * its cell that is lesion (times 3, at most 1), as a CAM of the last convolutional layer of a
 * network on 256 x 256 input would be (about 7 x 7).
 */
export function lesionMap(plane: Plane, t: number, pathology: Pathology, cells = 7): Float32Array {
  const out = new Float32Array(cells * cells);
  const samples = 8;
  for (let cy = 0; cy < cells; cy++) {
    for (let cx = 0; cx < cells; cx++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          if (
            lesionAt(
              ...pointOf(plane, t, (cx + (sx + 0.5) / samples) / cells, (cy + (sy + 0.5) / samples) / cells),
              pathology,
            )
          )
            hits++;
        }
      }
      out[cy * cells + cx] = Math.min(1, (3 * hits) / samples ** 2);
    }
  }
  return out;
}
