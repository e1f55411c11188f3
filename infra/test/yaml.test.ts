import path from 'node:path';
import { INFRA, loadYaml, yamlFiles } from './support';

describe('every YAML file in infra/', () => {
  const files = yamlFiles();

  it('includes compose and the Kubernetes manifests', () => {
    const names = files.map((file) => path.relative(INFRA, file));
    expect(names).toEqual(expect.arrayContaining(['compose.yaml', 'k8s/kustomization.yaml']));
  });

  it.each(files.map((file) => [path.relative(INFRA, file), file]))('%s parses without an error or a warning', (_name, file) => {
    const documents = loadYaml(file);
    expect(documents.length).toBeGreaterThan(0);
    for (const document of documents) expect(document).toEqual(expect.any(Object));
  });
});
