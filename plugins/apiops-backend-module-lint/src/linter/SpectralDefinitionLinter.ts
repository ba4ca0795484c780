import { createHash } from 'node:crypto';
import {
  DefinitionEvidence,
  EvidenceFinding,
  FindingSeverity,
  formatJsonPath,
  sortEvidenceFindings,
} from '@apiops-backstage/plugin-apiops-common';
import {
  Document,
  ISpectralDiagnostic,
  RulesetDefinition,
  Spectral,
} from '@stoplight/spectral-core';
import { Json, Yaml } from '@stoplight/spectral-parsers';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import {
  buildRuleset,
  defaultRuleset,
  withOwasp,
} from '../ruleset/buildRuleset';
import { parseRuleset } from '../ruleset/parseRuleset';
import { RulesetError } from '../ruleset/RulesetError';
import type {
  DefinitionLinter,
  DefinitionLinterOptions,
  LintRequest,
  RulesetSource,
} from './DefinitionLinter';

/** Spectral's severities (0 error … 3 hint) as the portal's. */
const SEVERITIES: FindingSeverity[] = ['error', 'warning', 'info', 'info'];

/** The API rulesets a thread keeps built. */
const API_RULESETS_KEPT = 50;

const REMOTE_REF = /^No resolver defined for scheme '([^']+)' in ref (.*)$/;

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // Spectral's ruleset validation gathers its errors.
    const errors = (error as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) {
      return errors
        .map(e => (e instanceof Error ? e.message : String(e)))
        .join('; ');
    }
    return error.message;
  }
  return String(error);
}

/** A Spectral diagnostic as a finding of the portal. */
function toFinding(diagnostic: ISpectralDiagnostic): EvidenceFinding {
  let severity = SEVERITIES[diagnostic.severity] ?? 'info';
  let message = diagnostic.message;
  const remote = REMOTE_REF.exec(message);
  if (String(diagnostic.code) === 'invalid-ref' && remote) {
    // The portal lints offline: a reference to another document is not
    // read, which says nothing about the definition being wrong.
    severity = 'warning';
    message = `Not read: ${remote[2]} (the portal lints each definition offline, on its own); what it points to was not checked`;
  }
  const finding: EvidenceFinding = {
    ruleId: String(diagnostic.code),
    severity,
    message,
    path: formatJsonPath(diagnostic.path),
  };
  if (diagnostic.range) {
    finding.line = diagnostic.range.start.line + 1;
  }
  if (diagnostic.documentationUrl) {
    finding.documentationUrl = diagnostic.documentationUrl;
  }
  return finding;
}

/**
 * The {@link DefinitionLinter} of Spectral (`@stoplight/spectral-core`): the
 * catalog's ruleset (or `spectral:oas` and `spectral:asyncapi`), OWASP's when
 * configured, an API's own ruleset over the catalog's, offline (no resolver
 * reads a `$ref` to another document: they become findings). Runs on a
 * worker thread.
 *
 * @public
 */
export class SpectralDefinitionLinter implements DefinitionLinter {
  private readonly apiRulesets = new Map<string, Spectral | RulesetError>();

  private constructor(
    private readonly catalog: Spectral,
    private readonly catalogRuleset: RulesetDefinition,
    private readonly maxFindings: number,
  ) {}

  /**
   * @throws {@link RulesetError} when the catalog's ruleset cannot be used.
   */
  static create(options: DefinitionLinterOptions): SpectralDefinitionLinter {
    let ruleset: RulesetDefinition;
    if (options.ruleset) {
      const built = buildRuleset(
        parseRuleset(options.ruleset.text, options.ruleset.source),
      );
      ruleset = options.owasp ? withOwasp(built) : built;
    } else {
      ruleset = defaultRuleset({ owasp: options.owasp });
    }
    const spectral = SpectralDefinitionLinter.spectralFor(
      ruleset,
      options.ruleset?.source ?? 'the default ruleset',
    );
    return new SpectralDefinitionLinter(spectral, ruleset, options.maxFindings);
  }

  private static spectralFor(
    ruleset: RulesetDefinition,
    source: string,
  ): Spectral {
    // No resolvers: a `$ref` to a URL or a file is never read.
    const spectral = new Spectral({
      resolver: new Resolver({ resolvers: {} }),
    });
    try {
      spectral.setRuleset(ruleset);
    } catch (error) {
      throw new RulesetError(`${source}: ${messageOf(error)}`);
    }
    return spectral;
  }

  /** The Spectral of an API's own ruleset (over the catalog's), built once per text. */
  private forApi(ruleset: RulesetSource): Spectral | RulesetError {
    const key = createHash('sha256')
      .update(ruleset.source)
      .update('\0')
      .update(ruleset.text)
      .digest('base64');
    let found = this.apiRulesets.get(key);
    if (!found) {
      try {
        found = SpectralDefinitionLinter.spectralFor(
          buildRuleset(
            parseRuleset(ruleset.text, ruleset.source),
            this.catalogRuleset,
          ),
          ruleset.source,
        );
      } catch (error) {
        found =
          error instanceof RulesetError
            ? error
            : new RulesetError(`${ruleset.source}: ${messageOf(error)}`);
      }
      if (this.apiRulesets.size >= API_RULESETS_KEPT) {
        this.apiRulesets.delete(this.apiRulesets.keys().next().value!);
      }
      this.apiRulesets.set(key, found);
    }
    return found;
  }

  async lint(request: LintRequest): Promise<DefinitionEvidence> {
    const spectral = request.ruleset
      ? this.forApi(request.ruleset)
      : this.catalog;
    if (spectral instanceof RulesetError) {
      const message = `The API's lint ruleset cannot be used: ${spectral.message}`;
      return {
        findings: [{ ruleId: 'api-ruleset', severity: 'error', message }],
        problem: message,
      };
    }
    const source = `${request.type}-definition`;
    const document = /^\s*[{[]/.test(request.definition)
      ? new Document(request.definition, Json, source)
      : new Document(request.definition, Yaml, source);
    const diagnostics = await spectral.run(document, {
      ignoreUnknownFormat: true,
    });
    const findings = sortEvidenceFindings(diagnostics.map(toFinding));
    const kept = findings.slice(0, this.maxFindings);
    return kept.length < findings.length
      ? { findings: kept, findingCount: findings.length }
      : { findings: kept };
  }
}
