#!/usr/bin/env python3
"""How readable the generated shape names are, over an exported model.

A scoring script (it reads botocore's JSON, as the scorer does; the generator never does).
Run by `cargo xtask corpus --score`; by hand:

    names.py EXPORT_DIR --scorer shared/tools/score_model.py [--truth DIR] [--longest N]

Counts the structure and enum names the generator gives, leaving out operations' inputs and
outputs (named after the operation by rule) and errors (named by the docs): how many are
names botocore gives a shape of the same service, how many are longer than 40 characters,
and how many have `Input` or `Output` inside them (a collision prefixed with an input's or
output's name). These are the figures README.md ("Naming shapes") quotes.
"""
import argparse, re, sys

from limits import load_scorer, service_models

INFIX = re.compile(r'(Input|Output).')


def named_shapes(model):
    ops = model.get('operations', {}).values()
    roots = {o[side]['shape'] for o in ops for side in ('input', 'output') if isinstance(o.get(side), dict)}
    for name, shape in model.get('shapes', {}).items():
        if name in roots or shape.get('exception'):
            continue
        if shape.get('type') == 'structure' or 'enum' in shape:
            yield name


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('export_dir')
    ap.add_argument('--scorer', required=True)
    ap.add_argument('--truth')
    ap.add_argument('--longest', type=int, default=5)
    a = ap.parse_args(argv)
    sm = load_scorer(a.scorer)
    truth_dir = a.truth or sm.default_truth()
    total = botocore = long = infix = 0
    longest = []
    for svc, tm, _, em, _ in service_models(sm, a.export_dir, truth_dir):
        truth_names = tm.get('shapes', {})
        for name in named_shapes(em):
            total += 1
            botocore += name in truth_names
            long += len(name) > 40
            infix += bool(INFIX.search(name))
            longest.append((len(name), svc, name))
    if not total:
        print('names: no named shapes to count')
        return 1
    print(f'names: {total} structure and enum names; {100 * botocore / total:.2f}% are botocore\'s, '
          f'{long} longer than 40 characters, {infix} with Input/Output inside')
    for n, svc, name in sorted(longest, key=lambda x: (-x[0], x[1], x[2]))[:a.longest]:
        print(f'  {n:3} {svc} {name}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
