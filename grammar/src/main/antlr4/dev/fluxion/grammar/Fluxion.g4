/*
 * The Fluxion language: a bare expression, or a named program.
 *
 *     ln(x1) + x1*x2 - sin(x2)
 *
 *     fn neuron(w0, x0, w1, x1, b) {
 *       z = w0*x0 + w1*x1 + b
 *       return sigmoid(z)
 *     }
 *
 * The grammar has no actions; dev.fluxion.compiler.parse lowers the tree to IR.
 * Precedence is layered by rule, loosest first. Sums and products are flat lists
 * (not left-nested trees), so a sum of 100,000 terms is one wide node.
 * '^' is right-associative and binds tighter than unary minus: -x^2 is -(x^2),
 * 2^x^2 is 2^(x^2), and the exponent may itself be negated: 2^-x.
 */
grammar Fluxion;

unit
    : function EOF                                   # FunctionUnit
    | expr EOF                                       # ExpressionUnit
    | EOF                                            # EmptyUnit
    ;

function
    : FN name=ID '(' params? ')' '{' assignment* ret '}'
    ;

params
    : ID (',' ID)* ','?
    ;

assignment
    : ID '=' expr ';'?
    ;

ret
    : RETURN '(' expr (',' expr)+ ','? ')' ';'?     # TupleReturn
    | RETURN expr ';'?                               # SingleReturn
    ;

expr
    : operands+=term (ops+=('+' | '-') operands+=term)*
    ;

term
    : operands+=unary (ops+=('*' | '/') operands+=unary)*
    ;

unary
    : '-' unary                                      # Negate
    | '+' unary                                      # Plus
    | power                                          # NotNegated
    ;

power
    : base=atom ('^' exponent=unary)?
    ;

atom
    : NUMBER                                         # Number
    | ID '(' (expr (',' expr)*)? ')'                 # Call
    | ID                                             # Name
    | '(' expr ')'                                   # Parens
    ;

FN      : 'fn' ;
RETURN  : 'return' ;
ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;
NUMBER  : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT? ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS      : [ \t\r\n\f]+ -> skip ;
/* Anything else is one bad character; the parser reports it with its position. */
BAD_CHAR : . ;
