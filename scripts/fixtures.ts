// `npm run fixtures [name …]`: reruns the Python that writes the committed fixtures (and the
// colour-map tables), every generator or those whose file names hold one of the names given.
// Which Python each one needs is said here and nowhere else: the pinned venv (NumPy 2.4.6,
// whose printing the readout follows; nibabel and pydicom for the real scans) or Debian's
// python3 with its own packages (matplotlib, scikit-learn, OpenCV, whose versions the fixtures
// record). `npm test` needs none of this: the output is committed.
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pinnedVenv } from './support/pythonVenv';

const ROOT = resolve(__dirname, '..');

interface Python {
  name: string;
  /** The interpreter, made ready (a venv is created and filled on first use). */
  ready(): string;
}

const PINNED_PACKAGES = ['numpy==2.4.6', 'nibabel==5.4.2', 'pydicom==3.0.2'];
const pinned: Python = {
  name: `a venv of CPython 3.11 with ${PINNED_PACKAGES.join(', ')}`,
  ready: () => pinnedVenv(PINNED_PACKAGES),
};

const DEBIAN_PACKAGES = ['python3-numpy', 'python3-matplotlib', 'python3-sklearn', 'python3-scipy', 'python3-opencv'];
const debian: Python = {
  name: `Debian's /usr/bin/python3 with ${DEBIAN_PACKAGES.join(', ')}`,
  ready() {
    const check = spawnSync('/usr/bin/python3', ['-c', 'import numpy, matplotlib, sklearn, scipy, cv2'], {
      stdio: 'ignore',
    });
    if (check.status !== 0) throw new Error(`${this.name} is needed: apt-get install ${DEBIAN_PACKAGES.join(' ')}`);
    return '/usr/bin/python3';
  },
};

/** Every generator, with the Python it is run with. */
const GENERATORS: [script: string, python: Python][] = [
  ['test/fixtures/make_npy_fixtures.py', pinned],
  ['test/fixtures/make_npz_fixtures.py', pinned],
  ['test/fixtures/make_printing_fixtures.py', pinned],
  ['test/fixtures/make_header_corpus.py', pinned],
  ['test/fixtures/make_histogram_fixtures.py', pinned],
  ['test/fixtures/make_wide_integer_fixtures.py', pinned],
  ['test/fixtures/make_scan_fixtures.py', pinned],
  ['test/fixtures/make_notebook_fixtures.py', pinned],
  ['test/fixtures/make_statistics_fixtures.py', debian],
  ['test/fixtures/make_metric_fixtures.py', debian],
  ['test/fixtures/make_colourmap_fixtures.py', debian],
  ['test/fixtures/make_scale_fixtures.py', debian],
  ['test/fixtures/make_overlay_fixtures.py', debian],
  ['scripts/make_colour_maps.py', debian],
];

const wanted = process.argv.slice(2);
const chosen = GENERATORS.filter(([script]) => !wanted.length || wanted.some((name) => script.includes(name)));
if (!chosen.length) throw new Error(`No generator's name holds ${wanted.join(' or ')}`);
for (const [script, python] of chosen) {
  console.log(`${script} (${python.name})`);
  // A fixed hash seed: sets print in the same order on every run, so a rerun changes no fixture.
  execFileSync(python.ready(), [script], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PYTHONHASHSEED: '0' } });
}
