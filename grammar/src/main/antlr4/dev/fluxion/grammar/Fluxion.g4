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
 *     fn rosenbrock(x[n]) {
 *       return sum(i in 0..n-2: (1 - x[i])^2 + 100*(x[i+1] - x[i]^2)^2)
 *     }
 *
 *     fn sinc(t) {
 *       return if t == 0 then 1 else sin(t)/t
 *     }
 *
 *     model mlp {
 *       input  x[B, 784]
 *       label  y[B] of 10
 *       param  W1[784, 128] init he_uniform
 *       param  b1[128]      init zeros
 *       h    = relu(x @ W1 + b1)
 *       loss = mean(cross_entropy(h, y))
 *     }
 *
 * A file may hold several functions and models; a function may call the functions of its
 * file (inlined where called), and a function returning several values is unpacked with
 * a, b = f(x).
 *
 * The grammar has no actions; dev.fluxion.compiler.parse lowers the tree to IR.
 * Precedence is layered by rule, loosest first. Sums and products are flat lists
 * (not left-nested trees), so a sum of 100,000 terms is one wide node.
 * '^' is right-associative and binds tighter than unary minus: -x^2 is -(x^2),
 * 2^x^2 is 2^(x^2), and the exponent may itself be negated: 2^-x.
 */
grammar Fluxion;

/* A file of definitions (functions and models, which may call the functions) or a bare
   expression. Which definition is compiled (the entry) is chosen outside the grammar. */
unit
    : (definitions+=definition)+ EOF                 # DefinitionsUnit
    | test EOF                                       # ExpressionUnit
    | EOF                                            # EmptyUnit
    ;

definition
    : function
    | model
    ;

/* Parameters, then after ';' the data: inputs given when the function is called and never
   differentiated (fn nll(w[d], b; X[m, d], y[m])). */
function
    : FN name=ID '(' params? (';' data=dataParams)? ')' '{' statement* ret '}'
    ;

/* A statement of a function: an assignment, or a loop whose body runs once for every whole
   number from lo to hi inclusive. Assigning, in a loop, a variable defined before it carries
   its value from one iteration to the next. */
statement
    : assignment                                     # AssignStatement
    | unpacking                                      # UnpackStatement
    | FOR var=ID IN lo=expr DOTDOT hi=expr '{' statement* '}'  # ForStatement
    ;

/* A network: declarations of inputs, labels and parameters with shapes, then statements
   (assignments, unpackings and loops, as in a function). */
model
    : MODEL name=ID '{' (declaration | statement)* '}'
    ;

declaration
    : INPUT ID shape ';'?                            # InputDeclaration
    | LABEL ID shape OF classes=NUMBER ';'?          # LabelDeclaration
    | PARAM ID shape (INIT init=initializer)? ';'?   # ParamDeclaration
    ;

/* An initializer by name, with numeric arguments: zeros, he_uniform(0.5), uniform(-0.1, 0.1). */
initializer
    : name=ID ('(' args+=signed (',' args+=signed)* ')')?
    ;

signed
    : '-'? NUMBER
    ;

/* Dimensions are whole numbers or the symbolic batch size B. */
shape
    : '[' dims+=dimension (',' dims+=dimension)* ']'
    ;

dimension
    : NUMBER                                         # FixedDimension
    | ID                                             # NamedDimension
    ;

/* Parameters: scalars (x) and arrays whose shape names sizes bound when the function is
   compiled (x[n], A[3, n]). */
params
    : items+=parameter (',' items+=parameter)* ','?
    ;

parameter
    : ID shape?
    ;

dataParams
    : items+=parameter (',' items+=parameter)* ','?
    ;

assignment
    : ID '=' test ';'?
    ;

/* The values of a function that returns several: r, t = polar(x, y). (Not (r, t) = ...:
   statements need no separator, so "y = a" then "(r, t) = ..." would read as a call a(r, t).) */
unpacking
    : names+=ID (',' names+=ID)+ '=' test ';'?
    ;

ret
    : RETURN '(' test (',' test)+ ','? ')' ';'?     # TupleReturn
    | RETURN test ';'?                               # SingleReturn
    ;

/* Conditions and the conditional, loosest first: `if c then a else b` (only the taken side's
   value and derivative reach the result), `or`, `and`, `not`, then one comparison between two
   arithmetic expressions (comparisons do not chain). Each level with one operand passes
   through, so arithmetic parses as before. */
test
    : IF cond=test THEN yes=test ELSE no=test          # Conditional
    | operands+=conjunction (OR operands+=conjunction)*  # Disjunction
    ;

conjunction
    : operands+=inversion (AND operands+=inversion)*
    ;

inversion
    : NOT inversion                                  # Not
    | comparison                                     # Compared
    ;

comparison
    : left=expr (op=('<' | '<=' | '>' | '>=' | '==' | '!=') right=expr)?
    ;

expr
    : operands+=term (ops+=('+' | '-') operands+=term)*
    ;

term
    : operands+=unary (ops+=('*' | '/' | '@') operands+=unary)*
    ;

unary
    : '-' unary                                      # Negate
    | '+' unary                                      # Plus
    | power                                          # NotNegated
    ;

power
    : base=postfix ('^' exponent=unary)?
    ;

/* Slicing: x[:, 0:3], x[1:], x[-1]; a single index drops its axis. */
postfix
    : atom ('[' indices+=index (',' indices+=index)* ']')?
    ;

index
    : lo=integer? ':' hi=integer?                    # RangeIndex
    | at=integer                                     # SingleIndex
    | position=expr                                  # ExpressionIndex
    ;

integer
    : '-'? NUMBER
    ;

atom
    : NUMBER                                         # Number
    | ID '(' (args+=argument (',' args+=argument)*)? ')'  # Call
    | ID                                             # Name
    | '(' test ')'                                   # Parens
    ;

/* A call argument: a range with a term, as the one argument of a reduction
   (sum(i in 0..n-1: x[i])), an expression, an attribute such as axis=1 or alpha=0.1, or a list
   attribute of whole numbers such as axis=(0, 2) (two or more: (0) is a parenthesized number). */
argument
    : var=ID IN lo=expr DOTDOT hi=expr ':' body=test
    | (key=ID '=')? test
    | key=ID '=' '(' items+=integer (',' items+=integer)+ ')'
    | text=STRING
    ;

FN      : 'fn' ;
/* Text arguments only, such as einsum's index string: "ij,jk->ik". */
STRING  : '"' ~["\r\n]* '"' ;
MODEL   : 'model' ;
INPUT   : 'input' ;
LABEL   : 'label' ;
PARAM   : 'param' ;
INIT    : 'init' ;
OF      : 'of' ;
RETURN  : 'return' ;
IN      : 'in' ;
FOR     : 'for' ;
DOTDOT  : '..' ;
IF      : 'if' ;
THEN    : 'then' ;
ELSE    : 'else' ;
AND     : 'and' ;
OR      : 'or' ;
NOT     : 'not' ;
ID      : [a-zA-Z_] [a-zA-Z_0-9]* ;
/* A fraction needs digits after its point, so that 0..n lexes as 0, .., n. */
NUMBER  : DIGITS ('.' DIGITS)? EXPONENT? | '.' DIGITS EXPONENT? ;
fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+-]? DIGITS ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS      : [ \t\r\n\f]+ -> skip ;
/* Anything else is one bad character; the parser reports it with its position. */
BAD_CHAR : . ;
