/** The `@stream(initialCount:)` check: the caller's bad count is BAD_USER_INPUT, before execution. */
import {
  type DocumentNode,
  GraphQLError,
  GraphQLInt,
  Kind,
  type ValueNode,
  valueFromAST,
  visit,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The `initialCount` argument of every `@stream` in a document (none: an empty list), per document. */
const streamCounts = new WeakMap<DocumentNode, ValueNode[]>();

/**
 * `@stream(initialCount:)` below 0 answers BAD_USER_INPUT, whether written literally or passed as a
 * variable, before anything runs. The executor would otherwise fail the field with an internal
 * invariant error (INTERNAL_SERVER_ERROR, logged as a gateway fault).
 */
export function useStreamCountCheck(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      let counts = streamCounts.get(args.document);
      if (!counts) {
        const found: ValueNode[] = [];
        visit(args.document, {
          [Kind.DIRECTIVE](node) {
            if (node.name.value !== 'stream') return;
            const arg = node.arguments?.find((a) => a.name.value === 'initialCount');
            if (arg) found.push(arg.value);
          },
        });
        streamCounts.set(args.document, (counts = found));
      }
      for (const node of counts) {
        const count: unknown = valueFromAST(node, GraphQLInt, args.variableValues ?? {});
        if (typeof count === 'number' && count < 0) {
          setResultAndStopExecution({
            errors: [
              new GraphQLError(`@stream initialCount must be 0 or more (got ${count})`, {
                nodes: [node],
                extensions: { code: 'BAD_USER_INPUT' },
              }),
            ],
          });
          return;
        }
      }
    },
  };
}
